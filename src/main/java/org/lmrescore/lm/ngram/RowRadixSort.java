package org.lmrescore.lm.ngram;

import java.util.stream.IntStream;

/**
 * Sorts rows of word ids (flat int array, {@code n} ids per row) by least-significant-digit radix
 * sort, one stable counting pass per word position: linear in rows times order, which beats a
 * comparison sort on the millions of rows Kneser-Ney estimation sorts.
 *
 * <p>Each pass reads every row's word once, in the order of the pass before, so it is a cache
 * miss per row: the word is read once into {@code keys} (the histogram then needs no second
 * gather), and large sorts split each pass between the cores, each part counting, then placing,
 * its own range of rows. Part t's rows go after the earlier parts' rows of the same word, so the
 * passes stay stable and the result is the same however many parts there are.
 */
final class RowRadixSort {
    /** Rows below which one thread does the pass: handing a part to another costs more. */
    private static final int PARALLEL_ROWS = 1 << 16;
    private static final int PARTS = Math.min(4, Runtime.getRuntime().availableProcessors());

    private RowRadixSort() {
    }

    /** Row numbers in suffix order (last word most significant); ids in [0, maxId]. */
    static int[] suffixOrder(int[] words, int rows, int n, int maxId) {
        int parts = rows < PARALLEL_ROWS ? 1 : PARTS;
        int[] perm = new int[rows];
        int[] out = new int[rows];
        int[] keys = new int[rows];
        int[][] offsets = new int[parts][maxId + 1];
        for (int p = 0; p < n; p++) {
            pass(words, n, p, p == 0 ? null : perm, out, keys, offsets);
            int[] t = perm;
            perm = out;
            out = t;
        }
        return perm;
    }

    /**
     * One stable pass by word {@code position}: the rows in {@code perm}'s order (null: row
     * order) into {@code out}.
     */
    private static void pass(int[] words, int n, int position, int[] perm, int[] out, int[] keys, int[][] offsets) {
        int rows = keys.length;
        int parts = offsets.length;
        forEachPart(parts, t -> {
            int[] count = offsets[t];
            java.util.Arrays.fill(count, 0);
            for (int i = from(t, parts, rows), end = from(t + 1, parts, rows); i < end; i++) {
                int w = words[(perm == null ? i : perm[i]) * n + position];
                keys[i] = w;
                count[w]++;
            }
        });
        // offsets: word-major, part-minor, so part t's rows of a word follow the earlier parts'
        int sum = 0;
        for (int w = 0; w < offsets[0].length; w++) {
            for (int t = 0; t < parts; t++) {
                int c = offsets[t][w];
                offsets[t][w] = sum;
                sum += c;
            }
        }
        forEachPart(parts, t -> {
            int[] next = offsets[t];
            for (int i = from(t, parts, rows), end = from(t + 1, parts, rows); i < end; i++) {
                out[next[keys[i]]++] = perm == null ? i : perm[i];
            }
        });
    }

    private static int from(int part, int parts, int rows) {
        return (int) ((long) rows * part / parts);
    }

    private static void forEachPart(int parts, java.util.function.IntConsumer body) {
        if (parts == 1) {
            body.accept(0);
        } else {
            IntStream.range(0, parts).parallel().forEach(body);
        }
    }
}
