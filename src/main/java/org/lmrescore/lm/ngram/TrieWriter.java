package org.lmrescore.lm.ngram;

import java.io.IOException;

/**
 * Lays a model out as {@link TrieIndex} reads it: each order's n-grams (with their blanks) sorted
 * in suffix order, which makes every node's children one contiguous run of the next order sorted
 * by their older word; each node's pointer to its run; quantisers trained per order; then the
 * bit-packed arrays, lowest order first.
 */
final class TrieWriter {
    private final int order;
    private final int vocabularySize;
    private final org.lmrescore.lm.Vocabulary vocabulary;
    /** Per order n >= 2: words (rows of n), probabilities, backoffs, row count, and rows in suffix order. */
    private final int[][] words;
    private final float[][] prob;
    private final float[][] backoff;
    private final int[] rows;
    private final int[][] sorted;
    /** next[n][k]: first child (in order n + 1) of the k-th sorted n-gram; next[1] by word id. */
    private final int[][] next;

    TrieWriter(BackoffTables t, OrderEntries[] blanks) {
        order = t.order();
        vocabulary = t.vocabulary();
        vocabularySize = vocabulary.size();
        words = new int[order + 1][];
        prob = new float[order + 1][];
        backoff = new float[order + 1][];
        rows = new int[order + 1];
        sorted = new int[order + 1][];
        next = new int[order + 1][];
        for (int n = 2; n <= order; n++) {
            join(n, t.entries(n), blanks[n]);
            sorted[n] = RowRadixSort.suffixOrder(words[n], rows[n], n, vocabularySize);
        }
        for (int n = 1; n < order; n++) {
            next[n] = pointers(n);
        }
    }

    /** The entries of order n and its blanks as one set of arrays (the file's, when there are no blanks). */
    private void join(int n, OrderEntries e, OrderEntries b) {
        int extra = b == null ? 0 : b.size();
        rows[n] = Math.addExact(e.size(), extra);
        if (extra == 0) {
            // the file's own arrays: the largest model is not copied (the top order's backoffs are never read)
            words[n] = e.wordArray();
            prob[n] = e.probArray();
            backoff[n] = e.backoffArray();
            return;
        }
        words[n] = java.util.Arrays.copyOf(e.wordArray(), Math.multiplyExact(rows[n], n));
        System.arraycopy(b.wordArray(), 0, words[n], e.size() * n, extra * n);
        prob[n] = new float[rows[n]];
        backoff[n] = new float[rows[n]];
        for (int i = 0; i < rows[n]; i++) {
            boolean blank = i >= e.size();
            prob[n][i] = blank ? b.prob(i - e.size()) : e.prob(i);
            backoff[n][i] = n == order ? 0f : blank ? b.backoff(i - e.size()) : e.backoff(i);
        }
    }

    /** The first child of every sorted n-gram of order n, with a closing entry: a merge of the two sorted orders. */
    private int[] pointers(int n) {
        int parents = n == 1 ? vocabularySize : rows[n];
        int[] first = new int[parents + 1];
        int c = n + 1;
        int[] cw = words[c];
        int parent = 0;
        for (int k = 0; k < rows[c]; k++) {
            int row = sorted[c][k];
            if (n == 1) {
                parent = cw[row * c + c - 1];
            } else {
                while (parent < parents && NgramOrdering.compareTail(words[n], sorted[n][parent], n, cw, row, c, n) < 0) {
                    parent++;
                }
                if (parent == parents || NgramOrdering.compareTail(words[n], sorted[n][parent], n, cw, row, c, n) != 0) {
                    throw new IllegalStateException("a " + c + "-gram without its suffix");
                }
            }
            first[parent + 1]++;
        }
        for (int i = 0; i < parents; i++) {
            first[i + 1] += first[i];
        }
        return first;
    }

    /** Unigram pointers: first bigram of each word id, V + 1 entries (for models of order 2 and up). */
    int[] unigramNext() {
        return next[1];
    }

    long rows(int n) {
        return rows[n];
    }

    /** Writes orders 2..order: per order its widths, quantiser bins, then the bit array. */
    void writeLevels(LittleEndianOutput out, int probQuantBits, int backoffQuantBits) throws IOException {
        int wordBits = bitsFor(vocabularySize - 1);
        for (int n = 2; n <= order; n++) {
            boolean top = n == order;
            Quantizer pq = probQuantBits > 0 ? Quantizer.train(prob[n], rows[n], probQuantBits, false) : null;
            Quantizer bq = !top && backoffQuantBits > 0 ? Quantizer.train(backoff[n], rows[n], backoffQuantBits, true) : null;
            int probBits = pq != null ? probQuantBits : allNonPositive(prob[n], rows[n]) ? 31 : 32;
            int backoffBits = top ? 0 : bq != null ? backoffQuantBits : 32;
            int nextBits = top ? 0 : bitsFor(rows[n + 1]);
            out.int32(wordBits);
            out.int32(probBits);
            out.int32(backoffBits);
            out.int32(nextBits);
            out.int32(pq == null ? 0 : pq.centres.length);
            out.int32(bq == null ? 0 : bq.centres.length);
            for (Quantizer q : new Quantizer[] {pq, bq}) {
                if (q != null) {
                    for (float f : q.centres) {
                        out.float32(f);
                    }
                }
            }
            out.pad();
            int[] w = words[n];
            for (int k = 0; k < rows[n]; k++) {
                int row = sorted[n][k];
                // an n-gram listed twice would be two children with one word: sorted, they are neighbours
                if (k > 0 && NgramOrdering.comparePrefix(w, sorted[n][k - 1], n, w, row, n, n) == 0) {
                    throw OrderEntries.listedTwice(vocabulary, w, row * n, n, 0);
                }
                out.bits(w[row * n], wordBits);
                float p = prob[n][row];
                out.bits(pq != null ? pq.encode(p) : Float.floatToRawIntBits(p) & (probBits == 31 ? 0x7fffffffL : 0xffffffffL), probBits);
                if (!top) {
                    float b = backoff[n][row];
                    out.bits(bq != null ? bq.encode(b) : Float.floatToRawIntBits(b) & 0xffffffffL, backoffBits);
                    out.bits(next[n][k], nextBits);
                }
            }
            if (!top) {
                // the sentinel closes the last node's run
                out.bits(0, wordBits);
                out.bits(0, probBits);
                out.bits(0, backoffBits);
                out.bits(next[n][rows[n]], nextBits);
            }
            out.endBits();
            out.pad();
        }
    }

    /** Bits to hold values 0..max (at least 1). */
    static int bitsFor(long max) {
        return Math.max(1, 64 - Long.numberOfLeadingZeros(max));
    }

    private static boolean allNonPositive(float[] values, int count) {
        for (int i = 0; i < count; i++) {
            if (!(values[i] <= 0f)) {
                return false;
            }
        }
        return true;
    }
}
