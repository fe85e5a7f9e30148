package org.lmrescore.lm.ngram;

import org.lmrescore.util.InputFormatException;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Settings of {@link KneserNeyTrainer}. The default reproduces KenLM's {@code lmplz -o N}; the
 * SRILM mode reproduces {@code ngram-count -kndiscount -interpolate} with its {@code gtNmin} count
 * cutoffs (default 1,1,2,2,2,... : 3-grams and longer seen once are dropped).
 */
public final class KneserNeyOptions {
    int order = 5;
    boolean srilm;
    int[] cutoffs;
    boolean unk;
    Path vocabulary;
    long memoryBytes = 1L << 30;
    Path tempDir;
    boolean discountFallback;

    public KneserNeyOptions order(int n) {
        if (n < 1 || n > 32) {
            throw new InputFormatException("--order must be between 1 and 32, not " + n);
        }
        this.order = n;
        return this;
    }

    /** SRILM-compatible mode: count cutoffs, {@code <unk>} only with {@link #unk}, {@code <s>} at -99. */
    public KneserNeyOptions srilm(boolean on) {
        this.srilm = on;
        return this;
    }

    /** Minimum count per order (order 1 first); an n-gram below it is dropped and its mass backs off. */
    public KneserNeyOptions cutoffs(int[] minCounts) {
        for (int c : minCounts) {
            if (c < 1) {
                throw new InputFormatException("--cutoffs must be positive counts: " + Arrays.toString(minCounts));
            }
        }
        if (minCounts.length > 0 && minCounts[0] != 1) {
            throw new InputFormatException("the unigram cutoff must be 1 (limit the vocabulary with --vocab instead)");
        }
        this.cutoffs = minCounts.clone();
        return this;
    }

    /** Open vocabulary: keep {@code <unk>} in the model (always so in the default mode). */
    public KneserNeyOptions unk(boolean on) {
        this.unk = on;
        return this;
    }

    /** Word list: training words outside it become {@code <unk>}; listed words never seen get only smoothing mass. */
    public KneserNeyOptions vocabulary(Path file) {
        this.vocabulary = file;
        return this;
    }

    /** Memory for counting before sorted runs are spilled to disk. */
    public KneserNeyOptions memory(long bytes) {
        if (bytes < (1 << 20)) {
            throw new InputFormatException("--memory must be at least 1M");
        }
        this.memoryBytes = bytes;
        return this;
    }

    /**
     * The share of the memory budget the parts of a model waiting for its ARPA writer (and their
     * text) may take: a sixty-fourth, so estimation and writing overlap without the model piling
     * up on the heap. With the text formatted on every core a deeper queue buys no time: gutenberg
     * 5-gram, 1G: 14.5 s and 515 MB peak with a sixteenth, 14.6 s and 495 MB with this.
     */
    public long writerQueueBytes() {
        return memoryBytes / 64;
    }

    public KneserNeyOptions tempDir(Path dir) {
        this.tempDir = dir;
        return this;
    }

    /** When a discount cannot be estimated (tiny or artificial data), use KenLM's fallback 0.5, 1, 1.5. */
    public KneserNeyOptions discountFallback(boolean on) {
        this.discountFallback = on;
        return this;
    }

    public int order() {
        return order;
    }

    /** The minimum count of order {@code n} (1-based). */
    int minCount(int n) {
        if (cutoffs != null) {
            return n <= cutoffs.length ? cutoffs[n - 1] : cutoffs[cutoffs.length - 1];
        }
        return srilm && n >= 3 ? 2 : 1;
    }

    boolean keepsUnk() {
        return !srilm || unk || vocabulary != null;
    }

    /** Parses sizes such as {@code 512M}, {@code 2G}, {@code 100000}. */
    public static long parseBytes(String s) {
        String t = s.trim().toUpperCase(java.util.Locale.ROOT);
        long mult = 1;
        if (t.endsWith("B")) {
            t = t.substring(0, t.length() - 1);
        }
        if (t.endsWith("K")) {
            mult = 1L << 10;
        } else if (t.endsWith("M")) {
            mult = 1L << 20;
        } else if (t.endsWith("G")) {
            mult = 1L << 30;
        }
        if (mult > 1) {
            t = t.substring(0, t.length() - 1);
        }
        try {
            return (long) (Double.parseDouble(t) * mult);
        } catch (NumberFormatException e) {
            throw new InputFormatException("expected a size such as 512M or 2G, not '" + s + "'");
        }
    }
}
