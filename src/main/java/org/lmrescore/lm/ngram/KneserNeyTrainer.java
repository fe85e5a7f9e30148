package org.lmrescore.lm.ngram;

import org.lmrescore.util.InputFormatException;
import org.lmrescore.util.Log;
import org.lmrescore.util.Progress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Trains an interpolated modified Kneser-Ney model from text, one sentence per line, tokens
 * separated by spaces or tabs (no other normalisation). Steps as in KenLM's {@code lmplz}:
 * count the highest-order n-grams with {@code <s>} padding ({@link NgramCounter}), derive the
 * adjusted counts of every order ({@link AdjustedCounts}), estimate discounts and probabilities
 * ({@link KneserNeyEstimator}). Tokens {@code <s>} and {@code </s>} in the text are ignored, as
 * lmplz does; an empty line is an empty sentence.
 */
public final class KneserNeyTrainer {
    private final KneserNeyOptions options;
    private Discount[] discounts;

    public KneserNeyTrainer(KneserNeyOptions options) {
        this.options = options;
    }

    public BackoffTables train(Path text) {
        return train(count(text));
    }

    /** The counting stage: the vocabulary and the highest-order n-grams of {@code text}, spilling sorted runs past the memory budget. */
    public NgramCounts count(Path text) {
        int n = options.order;
        long t0 = System.nanoTime();
        TrainingVocabulary vocab = new TrainingVocabulary(options.vocabulary);
        SortedNgrams full;
        long tokens = 0;
        long sentences = 0;
        Path temp = tempDir(text);
        Progress progress = new Progress("counting " + text.getFileName(), size(text), "bytes");
        // at most one distinct n-gram per word, about one word per 5 bytes of text: sized once so
        // that it seldom grows (growing holds the old and the new arrays at once)
        try (NgramCounter counter = new NgramCounter(n, options.memoryBytes, temp, size(text) / 5);
             SentenceBlocks blocks = new SentenceBlocks(text, n, vocab, progress)) {
            for (SentenceBlocks.Block b = blocks.next(); b != null; b = blocks.next()) {
                int start = 0;
                for (int s = 0; s < b.sentences; s++) {
                    int end = b.ends[s];
                    for (int from = start; from + n <= end; from++) {
                        counter.add(b.ids, from);
                    }
                    start = end;
                }
                tokens += b.words;
                sentences += b.sentences;
            }
            if (tokens == 0) {
                throw new InputFormatException(text, 0, "empty training text: no words to count");
            }
            progress.finish();
            full = counter.finish();
        }
        Log.info("counted %,d tokens in %,d sentences, %,d types, %,d distinct %d-grams (%.1f s)",
                tokens, sentences, vocab.size(), full.size, n, secondsSince(t0));
        return new NgramCounts(vocab, full, tokens, sentences);
    }

    /** Adjusted counts, discounts and probabilities from the counts of {@link #count} (or of a distributed counter), which it consumes. */
    public BackoffTables train(NgramCounts counts) {
        OrderSink.Collector tables = new OrderSink.Collector();
        train(counts, tables);
        return tables.tables();
    }

    /** The same, handing the model to {@code sink} order by order as each is finished (see {@link OrderSink}). */
    public void train(NgramCounts counts, OrderSink sink) {
        if (counts.order() != options.order) {
            throw new IllegalArgumentException("counts of order " + counts.order() + " for a model of order " + options.order);
        }
        int n = options.order;
        long t0 = System.nanoTime();
        int[] last = counts.adjusted() ? counts.lastNgram : lastNgram(counts);
        LevelFile[] levels = adjust(counts);
        try {
            Log.info("adjusted counts (%.1f s)", secondsSince(t0));
            KneserNeyEstimator estimator = new KneserNeyEstimator(options, levels, counts.vocabulary.size());
            OrderSink.Counts sizes = new OrderSink.Counts();
            estimator.estimate(counts.vocabulary.words(), options.srilm ? null : lastGroupValid(last, n), OrderSink.both(sink, sizes));
            discounts = estimator.discounts();
            StringBuilder text = new StringBuilder();
            for (int k = 1; k <= n; k++) {
                text.append(k == 1 ? "" : " / ").append(String.format("%,d", sizes.count(k)));
            }
            Log.info("estimated %d-gram model: %s n-grams (%.1f s)", n, text, secondsSince(t0));
        } finally {
            for (LevelFile l : levels) {
                l.close();
            }
        }
    }

    /**
     * Every order's adjusted counts, in level files in the temporary folder. The counted n-grams
     * are consumed here, so they are garbage once this returns.
     */
    private LevelFile[] adjust(NgramCounts counts) {
        Path temp = tempDir(null);
        if (counts.adjusted()) {
            return counts.adjustedLevels(temp);
        }
        return AdjustedCounts.compute(counts.take(), temp);
    }

    /** The last counted n-gram in suffix order (null if none), read before the counts are consumed. */
    private static int[] lastNgram(NgramCounts counts) {
        SortedNgrams full = counts.peek();
        int n = full.order;
        return full.size == 0 ? null : Arrays.copyOfRange(full.words, (full.size - 1) * n, full.size * n);
    }

    /** The discounts of the last training run, order 1 first, as text. */
    public String discountsDescription() {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; discounts != null && k < discounts.length; k++) {
            sb.append(k + 1).append("-grams ").append(discounts[k]).append('\n');
        }
        return sb.toString();
    }

    /** D1, D2, D3+ of order {@code k} from the last run. */
    public double discount(int k, int j) {
        return discounts[k - 1].d(j);
    }

    /**
     * Per order, whether its last row is a suffix of the last counted n-gram, which lmplz's
     * statistics see with its raw count: not for the highest order, nor for suffixes holding
     * {@code <s>} after their first word (those are not n-grams of the model).
     */
    private static boolean[] lastGroupValid(int[] last, int n) {
        boolean[] valid = new boolean[n];
        if (n == 1 || last == null) {
            return valid;
        }
        for (int k = 1; k < n; k++) {
            valid[k - 1] = true;
            for (int p = n - k + 1; p < n; p++) {
                if (last[p] == TrainingVocabulary.BOS) {
                    valid[k - 1] = false;
                }
            }
        }
        return valid;
    }

    /** Where the run files and level files go: {@code --temp}, else the JVM's temporary folder, else the text's (or the working) folder. */
    private Path tempDir(Path text) {
        if (options.tempDir != null) {
            return options.tempDir;
        }
        String tmp = System.getProperty("java.io.tmpdir");
        if (tmp != null) {
            return Path.of(tmp);
        }
        return text != null ? text.toAbsolutePath().getParent() : Path.of(".");
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return -1;
        }
    }

    private static double secondsSince(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
