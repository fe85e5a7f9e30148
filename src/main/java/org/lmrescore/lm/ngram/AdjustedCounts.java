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
     * Levels 1..N (index 0 = unigrams, sparse: only words that were predicted), each written to
     * a {@link LevelFile} in {@code dir}. {@code full} is read only; the caller lets it go.
     */
    static LevelFile[] compute(SortedNgrams full, java.nio.file.Path dir) {
        int n = full.order;
        LevelFile[] levels = new LevelFile[n];
        try {
            // each order is one pass over the counted n-grams, independent of the others: on all cores
            java.util.stream.IntStream.rangeClosed(1, n).parallel()
                    .forEach(k -> levels[k - 1] = k == n ? topLevel(full, dir) : suffixLevel(full, k, dir));
            return levels;
        } catch (RuntimeException e) {
            for (LevelFile l : levels) {
                if (l != null) {
                    l.close();
                }
            }
            throw e;
        }
    }

    /** The counted n-grams that are n-grams of the model (no {@code <s>} after the first word), raw counts. */
    private static LevelFile topLevel(SortedNgrams full, java.nio.file.Path dir) {
        int n = full.order;
        int[] w = full.words;
        long[] c = full.counts;
        LevelFile.Writer out = LevelFile.create(n, dir);
        for (int i = 0; i < full.size; i++) {
            if (!hasBosAfter(w, i * n, 1, n)) {
                // adjusted and raw counts are the same at the highest order
                out.add(w, i * n, c[i], c[i]);
            }
        }
        return out.finish();
    }

    /** The k-grams (k < N) with adjusted counts, from groups of equal k-suffixes. */
    private static LevelFile suffixLevel(SortedNgrams full, int k, java.nio.file.Path dir) {
        int n = full.order;
        int s0 = n - k;
        int[] w = full.words;
        LevelFile.Writer out = LevelFile.create(k, dir);
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
                boolean startsWithBos = w[i * n + s0] == BOS;
                out.add(w, i * n + s0, startsWithBos ? raw : distinct, raw);
            }
            i = j;
        }
        return out.finish();
    }

    private static boolean hasBosAfter(int[] w, int base, int fromPosition, int n) {
        for (int p = fromPosition; p < n; p++) {
            if (w[base + p] == BOS) {
                return true;
            }
        }
        return false;
    }

    /** The id of {@code <s>} in training vocabularies. */
    static final int BOS = TrainingVocabulary.BOS;
}
