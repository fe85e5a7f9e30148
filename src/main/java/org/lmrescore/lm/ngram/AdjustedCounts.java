package org.lmrescore.lm.ngram;

/**
 * Kneser-Ney's adjusted counts of every order from the counted highest-order n-grams, as KenLM's
 * {@code lmplz} computes them. Sentences are counted with order-1 {@code <s>} in front, so every
 * lower-order n-gram is a suffix of some counted n-gram, and in suffix order the n-grams sharing a
 * suffix are neighbours: the suffix's adjusted count is the number of distinct words before it.
 * N-grams starting with {@code <s>} cannot be extended to the left and keep their raw counts; rows
 * with {@code <s>} after the first position are padding and are not n-grams of the model.
 */
final class AdjustedCounts {
    private AdjustedCounts() {
    }

    /**
     * Levels 1..N (index 0 = unigrams, dense over {@code vocabularySize} ids). {@code full} is
     * consumed: the highest order is made of its own arrays, compacted in place once the lower
     * orders have been read from it, so it is never held twice.
     */
    static CountLevel[] compute(SortedNgrams full, int vocabularySize) {
        int n = full.order;
        CountLevel[] levels = new CountLevel[n];
        for (int k = n - 1; k >= 1; k--) {
            levels[k - 1] = suffixLevel(full, k);
        }
        levels[n - 1] = topLevel(full);
        levels[0] = densify(levels[0], vocabularySize);
        return levels;
    }

    /** The counted n-grams that are n-grams of the model (no {@code <s>} after the first word), raw counts, in place. */
    private static CountLevel topLevel(SortedNgrams full) {
        int n = full.order;
        int[] w = full.words;
        long[] c = full.counts;
        int size = 0;
        for (int i = 0; i < full.size; i++) {
            if (!hasBosAfter(w, i * n, 1, n)) {
                System.arraycopy(w, i * n, w, size * n, n);
                c[size++] = c[i];
            }
        }
        // adjusted and raw counts are the same at the highest order: one array serves both
        return CountLevel.wrap(n, size, w, c, c);
    }

    /** The k-grams (k < N) with adjusted counts, from groups of equal k-suffixes: one pass to size the arrays, one to fill them. */
    private static CountLevel suffixLevel(SortedNgrams full, int k) {
        CountLevel level = new CountLevel(k, Math.max(1, suffixGroups(full, k, null)));
        suffixGroups(full, k, level);
        return level;
    }

    /** Walks the groups of equal k-suffixes, adding each k-gram to {@code level} if it is not null; returns how many there are. */
    private static int suffixGroups(SortedNgrams full, int k, CountLevel level) {
        int n = full.order;
        int s0 = n - k;
        int[] w = full.words;
        int groups = 0;
        int i = 0;
        while (i < full.size) {
            int j = i + 1;
            long raw = full.counts[i];
            long distinct = 1;
            while (j < full.size && NgramOrdering.compareTail(w, i, n, w, j, n, k) == 0) {
                raw += full.counts[j];
                if (w[j * n + s0 - 1] != w[(j - 1) * n + s0 - 1]) {
                    distinct++;
                }
                j++;
            }
            if (!hasBosAfter(w, i * n, s0 + 1, n)) {
                groups++;
                if (level != null) {
                    boolean startsWithBos = w[i * n + s0] == BOS;
                    level.add(w, i * n + s0, startsWithBos ? raw : distinct, raw);
                }
            }
            i = j;
        }
        return groups;
    }

    private static boolean hasBosAfter(int[] w, int base, int fromPosition, int n) {
        for (int p = fromPosition; p < n; p++) {
            if (w[base + p] == BOS) {
                return true;
            }
        }
        return false;
    }

    /** Unigrams as one row per word id, zero counts for words never predicted. */
    static CountLevel densify(CountLevel sparse, int v) {
        CountLevel dense = new CountLevel(1, v);
        dense.size = v;
        for (int i = 0; i < v; i++) {
            dense.words[i] = i;
        }
        for (int i = 0; i < sparse.size; i++) {
            int id = sparse.words[i];
            dense.adjusted[id] = sparse.adjusted[i];
            dense.raw[id] = sparse.raw[i];
        }
        return dense;
    }

    /** The id of {@code <s>} in training vocabularies. */
    static final int BOS = TrainingVocabulary.BOS;
}
