package org.lmrescore.lm.ngram;

/**
 * Finds a row of a flat word-id array (rows of {@code width} ids) by its words: open addressing
 * over row numbers, keyed by {@link NgramHash}, comparing the words themselves, so the answer is
 * exact whatever the hash. One hash insert per row and one probe per question, where a join by
 * sorting pays a radix sort of both sides.
 */
final class RowIndex {
    private final int[] words;
    private final int width;
    private final int[] slots;
    private final int mask;

    RowIndex(int[] words, int rows, int width) {
        this.words = words;
        this.width = width;
        int cap = Integer.highestOneBit(Math.max(4, rows + rows / 2)) << 1;
        this.slots = new int[cap];
        this.mask = cap - 1;
        java.util.Arrays.fill(slots, -1);
        for (int r = 0; r < rows; r++) {
            int i = (int) NgramHash.of(words, r * width, width) & mask;
            while (slots[i] >= 0) {
                i = (i + 1) & mask;
            }
            slots[i] = r;
        }
    }

    /** The row equal to {@code key[from .. from+width-1]}, or -1. */
    int find(int[] key, int from) {
        int i = (int) NgramHash.of(key, from, width) & mask;
        while (true) {
            int r = slots[i];
            if (r < 0) {
                return -1;
            }
            if (java.util.Arrays.equals(words, r * width, r * width + width, key, from, from + width)) {
                return r;
            }
            i = (i + 1) & mask;
        }
    }
}
