package org.lmrescore.lm.ngram;

import org.lmrescore.lm.Vocabulary;
import org.lmrescore.util.Log;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
 * context of a kept longer one is always kept. A k-gram's context (k-1)-gram is found through a
 * {@link RowIndex} of the lower order, its suffix by a merge (both orders are in suffix order);
 * per-context sums are integer, so the results do not depend on the order rows are visited.
 * Orders are finished one after the other and handed to an {@link OrderSink} as each is final, so
 * only two orders' working arrays are alive at a time.
 */
final class KneserNeyEstimator {
    private final KneserNeyOptions options;
    private final CountLevel[] levels;
    private final int n;
    private Discount[] discounts;
    /** Indexed by order: the row of each row's context (k-1)-gram. */
    private final int[][] contextOf;
    /** Indexed by order; null when nothing is cut. */
    private final boolean[][] kept;

    KneserNeyEstimator(KneserNeyOptions options, CountLevel[] levels) {
        this.options = options;
        this.levels = levels;
        this.n = levels.length;
        this.contextOf = new int[n + 1][];
        this.kept = new boolean[n + 1][];
    }

    /** The discounts used, order 1 first (after {@link #estimate}). */
    Discount[] discounts() {
        return discounts;
    }

    private CountLevel level(int k) {
        return levels[k - 1];
    }

    /** Runs every step and returns the model as ARPA tables over {@code words}. */
    BackoffTables estimate(List<String> words, int[] lastGroupRow) {
        OrderSink.Collector tables = new OrderSink.Collector();
        estimate(words, lastGroupRow, tables);
        return tables.tables();
    }

    /** Runs every step and hands the model to {@code sink} order by order, each as soon as it is final. */
    void estimate(List<String> words, int[] lastGroupRow, OrderSink sink) {
        discounts = new Discount[n];
        for (int k = 1; k <= n; k++) {
            discounts[k - 1] = Discount.estimate(k, countsOfCounts(k, lastGroupRow), options.discountFallback);
            Log.info("%d-grams: %,d, %s", k, level(k).size, discounts[k - 1]);
        }
        for (CountLevel l : levels) {
            l.raw = null;
        }
        boolean cutting = false;
        for (int k = 2; k <= n; k++) {
            cutting |= options.minCount(k) > 1;
        }
        if (cutting) {
            for (int k = 2; k <= n; k++) {
                joinContexts(k);
            }
            markKept();
        }
        boolean keepUnk = options.keepsUnk();
        List<String> outWords = new ArrayList<>(keepUnk ? words : words.subList(1, words.size()));
        long[] counts = new long[n];
        for (int k = 1; k <= n; k++) {
            counts[k - 1] = emitted(k, keepUnk);
        }
        sink.begin(Vocabulary.of(outWords), counts);
        double[] prob = unigramProbabilities();
        for (int k = 1; k <= n; k++) {
            double[] contextGamma = null;
            long[] denominator = null;
            if (k < n) {
                if (contextOf[k + 1] == null) {
                    joinContexts(k + 1);
                }
                contextGamma = new double[level(k).size];
                Arrays.fill(contextGamma, Double.NaN);
                denominator = discountOrder(k + 1, contextGamma);
            }
            sink.order(emit(k, prob, contextGamma, keepUnk));
            if (k < n) {
                prob = interpolate(k + 1, denominator, contextGamma, prob);
                contextOf[k + 1] = null;
                kept[k] = null;
                // order k's words were needed to find order k + 1's contexts and suffixes only
                levels[k - 1].words = null;
            }
        }
        sink.end();
    }

    /** n1..n4 of order k's adjusted counts (lmplz counts the n-grams still open when its
     * adjusted-count pass ends, the suffixes of the last counted n-gram, with their raw counts; that
     * shifts a discount in the 5th decimal at most, and is repeated for identical models) */
    private long[] countsOfCounts(int k, int[] lastGroupRow) {
        CountLevel l = level(k);
        long[] c = new long[5];
        for (int i = 0; i < l.size; i++) {
            long a = l.adjusted[i];
            if (a < 5) {
                c[(int) a]++;
            }
        }
        if (lastGroupRow != null && lastGroupRow[k - 1] >= 0) {
            long a = l.adjusted[lastGroupRow[k - 1]];
            long r = l.raw[lastGroupRow[k - 1]];
            if (a < 5) {
                c[(int) a]--;
            }
            if (r < 5) {
                c[(int) r]++;
            }
        }
        return c;
    }

    /** contextOf[k][i] = row of the (k-1)-gram made of row i's first k-1 words. */
    private void joinContexts(int k) {
        CountLevel l = level(k);
        int[] ctx = new int[l.size];
        if (k == 2) {
            // unigram rows are word ids
            for (int i = 0; i < l.size; i++) {
                ctx[i] = l.word(i, 0);
            }
        } else {
            CountLevel lower = level(k - 1);
            RowIndex index = new RowIndex(lower.words, lower.size, k - 1);
            for (int i = 0; i < l.size; i++) {
                ctx[i] = index.find(l.words, i * k);
                if (ctx[i] < 0) {
                    throw new IllegalStateException("context of a " + k + "-gram is missing");
                }
            }
        }
        contextOf[k] = ctx;
    }

    /** Row of the (k-1)-gram made of each row's last k-1 words (both orders are in suffix order). */
    private int[] joinSuffixes(int k) {
        CountLevel l = level(k);
        CountLevel lower = level(k - 1);
        int[] suf = new int[l.size];
        if (k == 2) {
            for (int i = 0; i < l.size; i++) {
                suf[i] = l.last(i);
            }
            return suf;
        }
        int p = 0;
        for (int i = 0; i < l.size; i++) {
            while (NgramOrdering.compareTail(lower.words, p, k - 1, l.words, i, k, k - 1) < 0) {
                p++;
            }
            if (NgramOrdering.compareTail(lower.words, p, k - 1, l.words, i, k, k - 1) != 0) {
                throw new IllegalStateException("suffix of a " + k + "-gram is missing");
            }
            suf[i] = p;
        }
        return suf;
    }

    /** Cutoffs, then every context of a kept n-gram is kept too. */
    private void markKept() {
        for (int k = n; k >= 1; k--) {
            CountLevel l = level(k);
            boolean[] keep = new boolean[l.size];
            int min = options.minCount(k);
            for (int i = 0; i < l.size; i++) {
                keep[i] = k == 1 || l.adjusted[i] >= min;
            }
            if (k < n) {
                boolean[] upper = kept[k + 1];
                int[] ctx = contextOf[k + 1];
                for (int i = 0; i < upper.length; i++) {
                    if (upper[i]) {
                        keep[ctx[i]] = true;
                    }
                }
            }
            kept[k] = keep;
        }
    }

    private boolean isKept(int k, int row) {
        return kept[k] == null || kept[k][row];
    }

    /** Interpolated unigram probabilities (uniform share over the vocabulary without {@code <s>}). */
    private double[] unigramProbabilities() {
        CountLevel l = level(1);
        Discount d = discounts[0];
        double denominator = 0;
        long[] c = new long[4];
        for (int i = 0; i < l.size; i++) {
            denominator += l.adjusted[i];
            if (l.adjusted[i] > 0) {
                c[(int) Math.min(l.adjusted[i], 3)]++;
            }
        }
        double gamma = (d.d(1) * c[1] + d.d(2) * c[2] + d.d(3) * c[3]) / denominator;
        double uniform = 1.0 / (l.size - (options.keepsUnk() ? 0 : 1) - 1);
        double[] p = new double[l.size];
        for (int i = 0; i < l.size; i++) {
            p[i] = (l.adjusted[i] - d.of(l.adjusted[i])) / denominator + gamma * uniform;
        }
        p[TrainingVocabulary.BOS] = 1.0;
        return p;
    }

    /**
     * The sum of adjusted counts of every context of order k's n-grams (indexed by the context's
     * row in order k - 1); each context's gamma goes into {@code contextGamma} at that row.
     */
    private long[] discountOrder(int k, double[] contextGamma) {
        CountLevel l = level(k);
        Discount d = discounts[k - 1];
        int[] ctx = contextOf[k];
        int contexts = level(k - 1).size;
        // per context: the sum of its n-grams' adjusted counts, what cutoffs drop, and n1, n2, n3+
        // (integer sums, so the order rows are added in does not matter)
        long[] denominator = new long[contexts];
        long[] pruned = new long[contexts];
        int[] n1 = new int[contexts];
        int[] n2 = new int[contexts];
        int[] n3 = new int[contexts];
        for (int row = 0; row < l.size; row++) {
            int c = ctx[row];
            long a = l.adjusted[row];
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
        for (int c = 0; c < contexts; c++) {
            if (denominator[c] > 0) {
                contextGamma[c] = (d.d(1) * n1[c] + d.d(2) * n2[c] + d.d(3) * n3[c] + pruned[c]) / denominator[c];
            }
        }
        return denominator;
    }

    /**
     * p of every k-gram, kept or not (a dropped one gets what backoff gives): its discounted share
     * of its context's count plus the context's gamma times the lower order's p of its suffix.
     */
    private double[] interpolate(int k, long[] denominator, double[] contextGamma, double[] lower) {
        CountLevel l = level(k);
        Discount d = discounts[k - 1];
        int[] suf = joinSuffixes(k);
        int[] ctx = contextOf[k];
        double[] p = new double[l.size];
        for (int i = 0; i < l.size; i++) {
            int c = ctx[i];
            double gamma = contextGamma[c];
            if (isKept(k, i)) {
                double uninterp = (l.adjusted[i] - d.of(l.adjusted[i])) / (double) denominator[c];
                p[i] = uninterp + gamma * lower[suf[i]];
            } else {
                p[i] = (isKept(k - 1, c) ? gamma : 1.0) * lower[suf[i]];
            }
        }
        return p;
    }

    /** How many n-grams of order k the model lists. */
    private int emitted(int k, boolean keepUnk) {
        CountLevel l = level(k);
        int count = 0;
        for (int i = 0; i < l.size; i++) {
            if (isKept(k, i) && (keepUnk || k > 1 || i != TrainingVocabulary.UNK)) {
                count++;
            }
        }
        return count;
    }

    /** Order k as ARPA entries in suffix order (the order lmplz writes). */
    private OrderEntries emit(int k, double[] prob, double[] contextGamma, boolean keepUnk) {
        CountLevel l = level(k);
        boolean all = kept[k] == null && (keepUnk || k > 1);
        int count = emitted(k, keepUnk);
        float[] p = new float[count];
        float[] bo = new float[count];
        int shift = keepUnk ? 0 : 1;
        int[] words = all && shift == 0 ? l.words : new int[count * k];
        int out = 0;
        for (int i = 0; i < l.size; i++) {
            if (!isKept(k, i) || (k == 1 && !keepUnk && i == TrainingVocabulary.UNK)) {
                continue;
            }
            if (words != l.words) {
                for (int t = 0; t < k; t++) {
                    words[out * k + t] = l.word(i, t) - shift;
                }
            }
            p[out] = (float) Math.min(0.0, Math.log10(prob[i]));
            if (k == 1 && i == TrainingVocabulary.BOS && options.srilm) {
                p[out] = -99f;
            }
            bo[out] = contextGamma != null && !Double.isNaN(contextGamma[i]) ? (float) Math.log10(contextGamma[i]) : 0f;
            out++;
        }
        l.adjusted = null;
        return OrderEntries.wrap(k, count, words, p, bo);
    }
}
