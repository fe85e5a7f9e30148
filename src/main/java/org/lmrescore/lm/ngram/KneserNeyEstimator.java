package org.lmrescore.lm.ngram;

import org.lmrescore.lm.Vocabulary;
import org.lmrescore.util.Log;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.function.Consumer;

/**
 * Interpolated modified Kneser-Ney from adjusted counts, as KenLM's {@code lmplz}:
 * <pre>
 *   p(w | h) = (a(h w) - D(a(h w))) / sum_x a(h x)  +  gamma(h) p(w | h')
 *   gamma(h) = (D1 n1(h) + D2 n2(h) + D3+ n3+(h) + pruned mass(h)) / sum_x a(h x)
 * </pre>
 * with h' the context without its oldest word, unigrams interpolated with the uniform
 * distribution over the vocabulary without {@code <s>}, {@code <unk>} seen only through that
 * uniform share, p({@code <s>}) = 1 (log 0, as lmplz writes it; -99 in SRILM mode). The ARPA
 * backoff of a context is log10 gamma(h).
 *
 * <p>Count cutoffs (SRILM's gtNmin) drop n-grams whose adjusted count is below the order's
 * minimum; their mass joins gamma, so every context still sums to one. An n-gram that is the
 * context of a kept longer one is always kept.
 *
 * <p>Memory: the orders wait in {@link LevelFile}s. Step k holds order k's words (the contexts)
 * and probabilities, and streams order k + 1 past them twice: once to sum each context's counts
 * (its gamma), once to interpolate each (k+1)-gram with the probability of its suffix. A
 * (k+1)-gram's context is found through a {@link RowIndex} of order k, its suffix by a merge
 * (both orders are in suffix order). Per-context sums are integer, so the results do not depend
 * on the order rows are visited. Each order goes to the {@link OrderSink} in parts as it is
 * final, the highest one straight from the stream, so no two orders' n-grams are ever on the
 * heap together.
 *
 * <p>Cores: finding each row's context and each row's interpolated value are independent per
 * row, so those passes read the stream's chunks on every core ({@link LevelFile#forEachChunk});
 * the sums per context stay one sequential pass (two rows may share a context).
 */
final class KneserNeyEstimator {
    private final KneserNeyOptions options;
    private final LevelFile[] levels;
    private final int n;
    private final int vocabularySize;
    private Discount[] discounts;
    /** Indexed by order: the rows kept; null when nothing is cut (and always for unigrams). */
    private final BitSet[] kept;
    private final boolean keepUnk;

    /** {@code levels[k-1]} holds the k-grams, unigrams sparse over {@code vocabularySize} ids. */
    KneserNeyEstimator(KneserNeyOptions options, LevelFile[] levels, int vocabularySize) {
        this.options = options;
        this.levels = levels;
        this.n = levels.length;
        this.vocabularySize = vocabularySize;
        this.kept = new BitSet[n + 1];
        this.keepUnk = options.keepsUnk();
    }

    /** The discounts used, order 1 first (after {@link #estimate}). */
    Discount[] discounts() {
        return discounts;
    }

    private LevelFile level(int k) {
        return levels[k - 1];
    }

    /** Rows of order k: unigrams are dense, one row per word id. */
    private int rows(int k) {
        long size = k == 1 ? vocabularySize : level(k).size();
        if (size > OrderEntries.maxEntries(1)) {
            throw new IllegalStateException("more " + k + "-grams than one array holds: " + size);
        }
        return (int) size;
    }

    /**
     * Runs every step and hands the model to {@code sink} order by order, each as soon as it is
     * final. {@code lastGroupValid[k-1]}: whether order k's last row is a suffix of the last
     * counted n-gram, which lmplz's statistics see with its raw count (null: not, SRILM mode).
     */
    void estimate(List<String> words, boolean[] lastGroupValid, OrderSink sink) {
        discounts = new Discount[n];
        for (int k = 1; k <= n; k++) {
            discounts[k - 1] = Discount.estimate(k, countsOfCounts(k, lastGroupValid), options.discountFallback);
            Log.info("%d-grams: %,d, %s", k, rows(k), discounts[k - 1]);
        }
        for (int k = 2; k <= n; k++) {
            if (options.minCount(k) > 1) {
                markKept();
                break;
            }
        }
        List<String> outWords = new ArrayList<>(keepUnk ? words : words.subList(1, words.size()));
        long[] counts = new long[n];
        for (int k = 1; k <= n; k++) {
            counts[k - 1] = emitted(k);
        }
        sink.begin(Vocabulary.of(outWords), counts);
        double[] prob = unigramProbabilities();
        int[] contextWords = null;  // order k's rows; null for unigrams, whose row is the word id
        for (int k = 1; k < n; k++) {
            int[] contextOf = new int[rows(k + 1)];
            long[] denominator = new long[rows(k)];
            double[] gamma = gammas(k + 1, new Contexts(k, contextWords), contextOf, denominator);
            emit(k, contextWords, prob, gamma, sink);
            prob = interpolate(k + 1, contextOf, contextWords, denominator, gamma, prob, sink);
            contextWords = null;
            if (k + 1 < n) {
                contextWords = level(k + 1).words();
            }
        }
        if (n == 1) {
            emit(1, null, prob, null, sink);
        }
        sink.end();
    }

    /** n1..n4 of order k's adjusted counts, with lmplz's view of the last group (see {@link #estimate}). */
    private long[] countsOfCounts(int k, boolean[] lastGroupValid) {
        LevelFile l = level(k);
        long[] c = l.countsOfCounts();
        if (lastGroupValid != null && lastGroupValid[k - 1] && l.size() > 0) {
            long a = l.lastAdjusted();
            long r = l.lastRaw();
            if (a < 5) {
                c[(int) a]--;
            }
            if (r < 5) {
                c[(int) r]++;
            }
        }
        return c;
    }

    /** The row of order k that is the context (first k words) of a (k+1)-gram. */
    private static final class Contexts {
        private final int k;
        private final RowIndex index;

        Contexts(int k, int[] words) {
            this.k = k;
            this.index = k == 1 ? null : new RowIndex(words, words.length / k, k);
        }

        /** The context row of every (k+1)-gram of the chunk, into {@code rows[at ..]}; safe on two chunks at once. */
        void ofAll(LevelFile.Chunk chunk, int[] rows, int at) {
            if (k == 1) {
                for (int r = 0; r < chunk.size; r++) {
                    rows[at + r] = chunk.words[r * 2];
                }
                return;
            }
            index.findAll(chunk.words, k + 1, chunk.size, rows, at, chunk.scratch);
            for (int r = 0; r < chunk.size; r++) {
                if (rows[at + r] < 0) {
                    throw new IllegalStateException("context of a " + (k + 1) + "-gram is missing");
                }
            }
        }
    }

    /** Cutoffs, then every context of a kept n-gram is kept too: from the highest order down. */
    private void markKept() {
        for (int k = n; k >= 2; k--) {
            BitSet keep = new BitSet(rows(k));
            int min = options.minCount(k);
            try (LevelFile.Reader in = level(k).reader()) {
                for (LevelFile.Chunk c = in.next(); c != null; c = in.next()) {
                    for (int r = 0; r < c.size; r++) {
                        if (c.adjusted[r] >= min) {
                            keep.set((int) c.first + r);
                        }
                    }
                }
            }
            if (k < n) {
                Contexts contexts = new Contexts(k, level(k).words());
                BitSet upper = kept[k + 1];
                int[] contextOf = new int[LevelFile.CHUNK_ROWS];
                try (LevelFile.Reader in = level(k + 1).reader()) {
                    for (LevelFile.Chunk c = in.next(); c != null; c = in.next()) {
                        contexts.ofAll(c, contextOf, 0);
                        for (int r = 0; r < c.size; r++) {
                            if (upper.get((int) c.first + r)) {
                                keep.set(contextOf[r]);
                            }
                        }
                    }
                }
            }
            kept[k] = keep;
        }
    }

    private boolean isKept(int k, int row) {
        return kept[k] == null || kept[k].get(row);
    }

    /** Interpolated unigram probabilities (uniform share over the vocabulary without {@code <s>}). */
    private double[] unigramProbabilities() {
        long[] adjusted = new long[vocabularySize];
        try (LevelFile.Reader in = level(1).reader()) {
            for (LevelFile.Chunk c = in.next(); c != null; c = in.next()) {
                for (int r = 0; r < c.size; r++) {
                    adjusted[c.words[r]] = c.adjusted[r];
                }
            }
        }
        Discount d = discounts[0];
        double denominator = 0;
        long[] c = new long[4];
        for (long a : adjusted) {
            denominator += a;
            if (a > 0) {
                c[(int) Math.min(a, 3)]++;
            }
        }
        double gamma = (d.d(1) * c[1] + d.d(2) * c[2] + d.d(3) * c[3]) / denominator;
        double uniform = 1.0 / (vocabularySize - (keepUnk ? 0 : 1) - 1);
        double[] p = new double[vocabularySize];
        for (int i = 0; i < vocabularySize; i++) {
            p[i] = (adjusted[i] - d.of(adjusted[i])) / denominator + gamma * uniform;
        }
        p[TrainingVocabulary.BOS] = 1.0;
        return p;
    }

    /**
     * Each order-(k-1) context's gamma (NaN for one that has no k-grams), from two passes over
     * order k: the row of each k-gram's context into {@code contextOf} (on all cores), then the
     * sum of the adjusted counts of each context's k-grams into {@code denominator} with the
     * counts of counts. Interpolation reads contexts from {@code contextOf}, so the index is
     * needed only here.
     */
    private double[] gammas(int k, Contexts contexts, int[] contextOf, long[] denominator) {
        Discount d = discounts[k - 1];
        int size = denominator.length;
        // per context: what cutoffs drop, and n1, n2, n3+ (integer sums, so the order rows are
        // added in does not matter)
        long[] pruned = kept[k] == null ? null : new long[size];
        int[] n1 = new int[size];
        int[] n2 = new int[size];
        int[] n3 = new int[size];
        // finding the contexts is most of the work and each row's is its own: on all cores
        level(k).forEachChunk(chunk -> contexts.ofAll(chunk, contextOf, (int) chunk.first));
        try (LevelFile.Reader in = level(k).reader()) {
            for (LevelFile.Chunk chunk = in.next(); chunk != null; chunk = in.next()) {
                for (int r = 0; r < chunk.size; r++) {
                    int row = (int) chunk.first + r;
                    int c = contextOf[row];
                    long a = chunk.adjusted[r];
                    denominator[c] += a;
                    if (!isKept(k, row)) {
                        pruned[c] += a;
                    } else if (a == 1) {
                        n1[c]++;
                    } else if (a == 2) {
                        n2[c]++;
                    } else if (a >= 3) {
                        n3[c]++;
                    }
                }
            }
        }
        double[] gamma = new double[size];
        Arrays.fill(gamma, Double.NaN);
        for (int c = 0; c < size; c++) {
            if (denominator[c] > 0) {
                gamma[c] = (d.d(1) * n1[c] + d.d(2) * n2[c] + d.d(3) * n3[c] + (pruned == null ? 0 : pruned[c])) / denominator[c];
            }
        }
        return gamma;
    }

    /**
     * p of every k-gram, kept or not (a dropped one gets what backoff gives): its discounted share
     * of its context's count plus the context's gamma times the lower order's p of its suffix.
     * Each row's value is its own, so the chunks are worked on all cores; the highest order is
     * emitted as it is computed, the chunks' parts handed to the sink in order, and null returned.
     */
    private double[] interpolate(int k, int[] contextOf, int[] lowerWords, long[] denominator, double[] gamma,
                                 double[] lower, OrderSink sink) {
        Discount d = discounts[k - 1];
        boolean top = k == n;
        double[] p = top ? null : new double[rows(k)];
        InOrder handOver = top ? new InOrder() : null;
        level(k).forEachChunk(chunk -> {
            long index = chunk.first / LevelFile.CHUNK_ROWS;
            List<OrderEntries> out = new ArrayList<>(1);
            try {
                int[] suffixOf = suffixRows(k, lowerWords, chunk);
                Parts parts = top ? new Parts(k, out::add) : null;
                for (int r = 0; r < chunk.size; r++) {
                    int row = (int) chunk.first + r;
                    int c = contextOf[row];
                    double value;
                    boolean keep = isKept(k, row);
                    if (keep) {
                        long a = chunk.adjusted[r];
                        double uninterp = (a - d.of(a)) / (double) denominator[c];
                        value = uninterp + gamma[c] * lower[suffixOf[r]];
                    } else {
                        value = (isKept(k - 1, c) ? gamma[c] : 1.0) * lower[suffixOf[r]];
                    }
                    if (top) {
                        if (keep) {
                            parts.add(chunk.words, r * k, value, Double.NaN);
                        }
                    } else {
                        p[row] = value;
                    }
                }
                if (top) {
                    parts.finish();
                }
            } catch (Throwable e) {
                if (top) {
                    handOver.fail(e);
                }
                throw e;
            }
            if (top) {
                handOver.run(index, () -> out.forEach(sink::order));
            }
        });
        return p;
    }

    /**
     * Lets the workers of a chunk-parallel pass hand their results over in chunk order: the
     * worker of chunk i waits until chunk i - 1 is handed over. A worker that fails says so, and
     * those waiting behind it throw its error rather than wait for a chunk that never comes.
     */
    private static final class InOrder {
        private long next;
        private Throwable failure;

        synchronized void run(long chunk, Runnable handOver) {
            while (next != chunk) {
                if (failure != null) {
                    throw failure instanceof RuntimeException r ? r : new IllegalStateException(failure);
                }
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while estimating", e);
                }
            }
            try {
                handOver.run();
            } catch (Throwable e) {
                failure = e;
                throw e;
            } finally {
                next++;
                notifyAll();
            }
        }

        synchronized void fail(Throwable e) {
            failure = e;
            notifyAll();
        }
    }

    /**
     * The row of order k - 1 that is the suffix (last k - 1 words) of each k-gram of the chunk:
     * a merge, as both orders are in suffix order, from the chunk's first suffix (found by
     * binary search, so a chunk needs nothing of the one before); in the chunk's scratch room.
     */
    private static int[] suffixRows(int k, int[] lowerWords, LevelFile.Chunk chunk) {
        int[] suffixOf = chunk.scratch;
        if (k == 2) {
            for (int r = 0; r < chunk.size; r++) {
                suffixOf[r] = chunk.words[r * 2 + 1];
            }
            return suffixOf;
        }
        int lo = 0;
        int hi = lowerWords.length / (k - 1);
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (NgramOrdering.compareTail(lowerWords, mid, k - 1, chunk.words, 0, k, k - 1) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        int merge = lo;
        for (int r = 0; r < chunk.size; r++) {
            while (NgramOrdering.compareTail(lowerWords, merge, k - 1, chunk.words, r, k, k - 1) < 0) {
                merge++;
            }
            if (NgramOrdering.compareTail(lowerWords, merge, k - 1, chunk.words, r, k, k - 1) != 0) {
                throw new IllegalStateException("suffix of a " + k + "-gram is missing");
            }
            suffixOf[r] = merge;
        }
        return suffixOf;
    }

    /** How many n-grams of order k the model lists. */
    private long emitted(int k) {
        if (k == 1) {
            return vocabularySize - (keepUnk ? 0 : 1);
        }
        return kept[k] == null ? level(k).size() : kept[k].cardinality();
    }

    /** Order k (below the highest) as ARPA entries in suffix order, the order lmplz writes. */
    private void emit(int k, int[] words, double[] prob, double[] gamma, OrderSink sink) {
        Parts parts = new Parts(k, sink::order);
        int[] unigram = new int[1];
        for (int i = 0; i < prob.length; i++) {
            if (!isKept(k, i) || (k == 1 && !keepUnk && i == TrainingVocabulary.UNK)) {
                continue;
            }
            double bo = gamma == null ? Double.NaN : gamma[i];
            if (k == 1) {
                unigram[0] = i;
                parts.add(unigram, 0, prob[i], bo);
            } else {
                parts.add(words, i * k, prob[i], bo);
            }
        }
        parts.finish();
    }

    /** Entries of one order handed on in parts of {@link LevelFile#CHUNK_ROWS}, ids shifted past a dropped {@code <unk>}. */
    private final class Parts {
        private final int k;
        private final Consumer<OrderEntries> out;
        private final int shift = keepUnk ? 0 : 1;
        private final int[] shifted;
        private OrderEntries part;

        Parts(int k, Consumer<OrderEntries> out) {
            this.k = k;
            this.out = out;
            this.shifted = new int[k];
        }

        /** Adds an n-gram with probability p and gamma (NaN: no backoff). */
        void add(int[] words, int from, double p, double gamma) {
            if (part == null) {
                part = new OrderEntries(k, LevelFile.CHUNK_ROWS);
            }
            for (int t = 0; t < k; t++) {
                shifted[t] = words[from + t] - shift;
            }
            float logP = (float) Math.min(0.0, Math.log10(p));
            if (k == 1 && words[from] == TrainingVocabulary.BOS && options.srilm) {
                logP = -99f;
            }
            part.add(shifted, 0, logP, Double.isNaN(gamma) ? 0f : (float) Math.log10(gamma));
            if (part.size() == LevelFile.CHUNK_ROWS) {
                out.accept(part);
                part = null;
            }
        }

        void finish() {
            if (part != null) {
                out.accept(part);
                part = null;
            }
        }
    }
}
