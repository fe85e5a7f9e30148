package org.lmrescore.lm.ngram;

import org.lmrescore.lm.Vocabulary;
import org.lmrescore.util.Log;

import java.util.ArrayList;
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
 * context of a kept longer one is always kept. All joins between orders are merges over sorted
 * index arrays; nothing is hashed.
 */
final class KneserNeyEstimator {
    private final KneserNeyOptions options;
    private final CountLevel[] levels;
    private final int n;
    private Discount[] discounts;
    /** For order k >= 2 (index k-1): index of each row's context (k-1)-gram and suffix (k-1)-gram. */
    private final int[][] contextOf;
    private final int[][] suffixOf;
    /** Rows of each order in context (lexicographic) order. */
    private final int[][] contextOrder;
    private final boolean[][] kept;
    /** gamma of each row as a context (1 when it has no extension). */
    private final double[][] gamma;
    private final boolean[][] isContext;
    private final double[][] prob;

    KneserNeyEstimator(KneserNeyOptions options, CountLevel[] levels) {
        this.options = options;
        this.levels = levels;
        this.n = levels.length;
        this.contextOf = new int[n][];
        this.suffixOf = new int[n][];
        this.contextOrder = new int[n][];
        this.kept = new boolean[n][];
        this.gamma = new double[n][];
        this.isContext = new boolean[n][];
        this.prob = new double[n][];
    }

    /** The discounts used, order 1 first (after {@link #estimate}). */
    Discount[] discounts() {
        return discounts;
    }

    /** Runs every step and returns the model as ARPA tables over {@code words}. */
    BackoffTables estimate(List<String> words, int[] lastGroupRow) {
        discounts = new Discount[n];
        for (int k = 1; k <= n; k++) {
            discounts[k - 1] = Discount.estimate(k, countsOfCounts(k, lastGroupRow), options.discountFallback);
            Log.info("%d-grams: %,d, %s", k, levels[k - 1].size, discounts[k - 1]);
        }
        for (int k = 1; k <= n; k++) {
            sortByContext(k);
            if (k >= 2) {
                joinContexts(k);
                joinSuffixes(k);
            }
        }
        markKept();
        for (int k = 1; k <= n; k++) {
            gamma[k - 1] = new double[levels[k - 1].size];
            java.util.Arrays.fill(gamma[k - 1], 1.0);
            isContext[k - 1] = new boolean[levels[k - 1].size];
        }
        double[][] uninterp = new double[n][];
        double[][] gammaOfRow = new double[n][];
        for (int k = 1; k <= n; k++) {
            uninterp[k - 1] = new double[levels[k - 1].size];
            gammaOfRow[k - 1] = new double[levels[k - 1].size];
            discountOrder(k, uninterp[k - 1], gammaOfRow[k - 1]);
        }
        interpolate(uninterp, gammaOfRow);
        return tables(words);
    }

    /** n1..n4 of order k's adjusted counts (lmplz counts the n-grams still open when its
     * adjusted-count pass ends, the suffixes of the last counted n-gram, with their raw counts; that
     * shifts a discount in the 5th decimal at most, and is repeated for identical models) . */
    private long[] countsOfCounts(int k, int[] lastGroupRow) {
        CountLevel l = levels[k - 1];
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

    private void sortByContext(int k) {
        CountLevel l = levels[k - 1];
        contextOrder[k - 1] = RowRadixSort.contextOrder(l.words, l.size, k, levels[0].size);
    }

    /** contextOf[k-1][i] = row of the (k-1)-gram made of row i's first k-1 words. */
    private void joinContexts(int k) {
        CountLevel l = levels[k - 1];
        CountLevel lower = levels[k - 2];
        int[] lowerOrder = contextOrder[k - 2];
        int[] ctx = new int[l.size];
        int p = 0;
        for (int row : contextOrder[k - 1]) {
            while (NgramOrdering.comparePrefix(lower.words, lowerOrder[p], k - 1, l.words, row, k, k - 1) < 0) {
                p++;
            }
            if (NgramOrdering.comparePrefix(lower.words, lowerOrder[p], k - 1, l.words, row, k, k - 1) != 0) {
                throw new IllegalStateException("context of a " + k + "-gram is missing");
            }
            ctx[row] = lowerOrder[p];
        }
        contextOf[k - 1] = ctx;
    }

    /** suffixOf[k-1][i] = row of the (k-1)-gram made of row i's last k-1 words (both in suffix order). */
    private void joinSuffixes(int k) {
        CountLevel l = levels[k - 1];
        CountLevel lower = levels[k - 2];
        int[] suf = new int[l.size];
        if (k == 2) {
            for (int i = 0; i < l.size; i++) {
                suf[i] = l.last(i);
            }
        } else {
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
        }
        suffixOf[k - 1] = suf;
    }

    /** Cutoffs, then every context of a kept n-gram is kept too. */
    private void markKept() {
        for (int k = n; k >= 1; k--) {
            CountLevel l = levels[k - 1];
            boolean[] keep = new boolean[l.size];
            int min = options.minCount(k);
            for (int i = 0; i < l.size; i++) {
                keep[i] = k == 1 || l.adjusted[i] >= min;
            }
            if (k < n) {
                boolean[] upper = kept[k];
                int[] ctx = contextOf[k];
                for (int i = 0; i < upper.length; i++) {
                    if (upper[i]) {
                        keep[ctx[i]] = true;
                    }
                }
            }
            kept[k - 1] = keep;
        }
    }

    /** Discounted probabilities and each context's gamma for order k. */
    private void discountOrder(int k, double[] uninterp, double[] gammaOfRow) {
        CountLevel l = levels[k - 1];
        Discount d = discounts[k - 1];
        boolean[] keep = kept[k - 1];
        if (k == 1) {
            double denominator = 0;
            long[] c = new long[4];
            for (int i = 0; i < l.size; i++) {
                denominator += l.adjusted[i];
                if (l.adjusted[i] > 0) {
                    c[(int) Math.min(l.adjusted[i], 3)]++;
                }
            }
            double g = (d.d(1) * c[1] + d.d(2) * c[2] + d.d(3) * c[3]) / denominator;
            for (int i = 0; i < l.size; i++) {
                uninterp[i] = (l.adjusted[i] - d.of(l.adjusted[i])) / denominator;
                gammaOfRow[i] = g;
            }
            return;
        }
        int[] order = contextOrder[k - 1];
        int[] ctx = contextOf[k - 1];
        int i = 0;
        while (i < order.length) {
            int c0 = ctx[order[i]];
            int j = i;
            double denominator = 0;
            double pruned = 0;
            long[] c = new long[4];
            while (j < order.length && ctx[order[j]] == c0) {
                int row = order[j];
                long a = l.adjusted[row];
                denominator += a;
                if (keep[row]) {
                    c[(int) Math.min(a, 3)]++;
                } else {
                    pruned += a;
                }
                j++;
            }
            double g = (d.d(1) * c[1] + d.d(2) * c[2] + d.d(3) * c[3] + pruned) / denominator;
            gamma[k - 2][c0] = g;
            isContext[k - 2][c0] = true;
            for (int t = i; t < j; t++) {
                int row = order[t];
                uninterp[row] = keep[row] ? (l.adjusted[row] - d.of(l.adjusted[row])) / denominator : 0;
                gammaOfRow[row] = g;
            }
            i = j;
        }
    }

    /** p of every n-gram, kept or not (a dropped one gets what backoff gives). */
    private void interpolate(double[][] uninterp, double[][] gammaOfRow) {
        CountLevel uni = levels[0];
        double uniform = 1.0 / (unigramsInModel() - 1);
        double[] p1 = new double[uni.size];
        for (int w = 0; w < uni.size; w++) {
            p1[w] = uninterp[0][w] + gammaOfRow[0][w] * uniform;
        }
        p1[TrainingVocabulary.BOS] = 1.0;
        prob[0] = p1;
        for (int k = 2; k <= n; k++) {
            CountLevel l = levels[k - 1];
            double[] p = new double[l.size];
            double[] lower = prob[k - 2];
            int[] suf = suffixOf[k - 1];
            int[] ctx = contextOf[k - 1];
            boolean[] keep = kept[k - 1];
            boolean[] ctxKept = kept[k - 2];
            for (int i = 0; i < l.size; i++) {
                if (keep[i]) {
                    p[i] = uninterp[k - 1][i] + gammaOfRow[k - 1][i] * lower[suf[i]];
                } else {
                    p[i] = (ctxKept[ctx[i]] ? gammaOfRow[k - 1][i] : 1.0) * lower[suf[i]];
                }
            }
            prob[k - 1] = p;
        }
    }

    private int unigramsInModel() {
        return levels[0].size - (options.keepsUnk() ? 0 : 1);
    }

    private BackoffTables tables(List<String> words) {
        boolean keepUnk = options.keepsUnk();
        int shift = keepUnk ? 0 : 1;
        List<String> outWords = new ArrayList<>(keepUnk ? words : words.subList(1, words.size()));
        OrderEntries[] out = new OrderEntries[n];
        int[] row = new int[n];
        for (int k = 1; k <= n; k++) {
            CountLevel l = levels[k - 1];
            boolean[] keep = kept[k - 1];
            int count = 0;
            for (boolean b : keep) {
                count += b ? 1 : 0;
            }
            OrderEntries e = new OrderEntries(k, count);
            // suffix order, the rows' own order (sequential, and the order lmplz writes)
            for (int i = 0; i < l.size; i++) {
                if (!keep[i] || (k == 1 && !keepUnk && i == TrainingVocabulary.UNK)) {
                    continue;
                }
                for (int t = 0; t < k; t++) {
                    row[t] = l.word(i, t) - shift;
                }
                float p = (float) Math.min(0.0, Math.log10(prob[k - 1][i]));
                if (k == 1 && i == TrainingVocabulary.BOS && options.srilm) {
                    p = -99f;
                }
                float bo = k < n && isContext[k - 1][i] ? (float) Math.log10(gamma[k - 1][i]) : 0f;
                e.add(row, 0, p, bo);
            }
            out[k - 1] = e;
        }
        return new BackoffTables(Vocabulary.of(outWords), out);
    }
}
