package org.lmrescore.lm.ngram;

/**
 * Sorts rows of word ids (flat int array, {@code n} ids per row) by least-significant-digit radix
 * sort, one stable counting pass per word position: linear in rows times order, which beats a
 * comparison sort on the millions of rows Kneser-Ney estimation sorts.
 */
final class RowRadixSort {
    private RowRadixSort() {
    }

    /** Row numbers in suffix order (last word most significant). */
    static int[] suffixOrder(int[] words, int rows, int n, int maxId) {
        int[] perm = identity(rows);
        int[] tmp = new int[rows];
        int[] count = new int[maxId + 2];
        for (int p = 0; p < n; p++) {
            int[] sorted = pass(words, n, p, perm, tmp, count);
            tmp = perm;
            perm = sorted;
        }
        return perm;
    }

    /** Row numbers in context order (first word most significant). */
    static int[] contextOrder(int[] words, int rows, int n, int maxId) {
        int[] perm = identity(rows);
        int[] tmp = new int[rows];
        int[] count = new int[maxId + 2];
        for (int p = n - 1; p >= 0; p--) {
            int[] sorted = pass(words, n, p, perm, tmp, count);
            tmp = perm;
            perm = sorted;
        }
        return perm;
    }

    private static int[] pass(int[] words, int n, int position, int[] perm, int[] out, int[] count) {
        java.util.Arrays.fill(count, 0);
        for (int r : perm) {
            count[words[r * n + position] + 1]++;
        }
        for (int i = 1; i < count.length; i++) {
            count[i] += count[i - 1];
        }
        for (int r : perm) {
            out[count[words[r * n + position]]++] = r;
        }
        return out;
    }

    private static int[] identity(int rows) {
        int[] perm = new int[rows];
        for (int i = 0; i < rows; i++) {
            perm[i] = i;
        }
        return perm;
    }
}
