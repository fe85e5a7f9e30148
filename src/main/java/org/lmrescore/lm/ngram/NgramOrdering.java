package org.lmrescore.lm.ngram;

/**
 * Comparisons of n-gram rows in flat int arrays, in the two orders Kneser-Ney estimation uses:
 * suffix order (last word first, then the one before, ...), which groups n-grams by their
 * suffixes, and context order (first word first), which groups them by their contexts.
 */
final class NgramOrdering {
    private NgramOrdering() {
    }

    /** Compares the first {@code len} words of row {@code a} of {@code wa} (stride na) with row {@code b} of {@code wb} (stride nb). */
    static int comparePrefix(int[] wa, int a, int na, int[] wb, int b, int nb, int len) {
        int ia = a * na;
        int ib = b * nb;
        for (int k = 0; k < len; k++) {
            int c = Integer.compare(wa[ia + k], wb[ib + k]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** Compares the last {@code len} words of two rows backwards (suffix order on the suffixes). */
    static int compareTail(int[] wa, int a, int na, int[] wb, int b, int nb, int len) {
        int ia = a * na + na - 1;
        int ib = b * nb + nb - 1;
        for (int k = 0; k < len; k++, ia--, ib--) {
            int c = Integer.compare(wa[ia], wb[ib]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** Whether row {@code row} of {@code rows} (rows of {@code width} ids) holds the ids {@code key[from .. from+width-1]}. */
    static boolean rowEquals(int[] rows, int row, int width, int[] key, int from) {
        int base = row * width;
        for (int t = 0; t < width; t++) {
            if (rows[base + t] != key[from + t]) {
                return false;
            }
        }
        return true;
    }
}
