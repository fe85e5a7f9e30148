package org.lmrescore.lm.ngram;

/**
 * Finds a row of a flat word-id array (rows of {@code width} ids) by its words: open addressing
 * over row numbers, keyed by {@link NgramHash}, comparing the words themselves, so the answer is
 * exact whatever the hash. One hash insert per row and one probe per question, where a join by
 * sorting pays a radix sort of both sides.
 *
 * <p>Each question costs two cache misses (the slot, then the row's words), and a question
 * asked alone waits for both in turn. {@link #findAll} asks a batch step by step, every slot
 * read of the batch in one loop and every comparison in the next, so the CPU has many misses
 * in flight at once: about twice as fast on the gutenberg 5-gram's contexts.
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
        return probe(key, from, (int) NgramHash.of(key, from, width) & mask);
    }

    /**
     * {@link #find} for {@code count} keys at once: key {@code q} is {@code keys[q*stride ..
     * q*stride+width-1]}, its row goes to {@code rows[at + q]}. {@code home} is scratch room for
     * {@code count} ints.
     */
    void findAll(int[] keys, int stride, int count, int[] rows, int at, int[] home) {
        for (int q = 0; q < count; q++) {
            home[q] = (int) NgramHash.of(keys, q * stride, width) & mask;
        }
        for (int q = 0; q < count; q++) {
            rows[at + q] = slots[home[q]];
        }
        for (int q = 0; q < count; q++) {
            int r = rows[at + q];
            if (r < 0 || !NgramOrdering.rowEquals(words, r, width, keys, q * stride)) {
                rows[at + q] = probe(keys, q * stride, home[q]);  // not in its home slot: the rest of the run
            }
        }
    }

    /** Linear probing for the key from slot {@code i}. */
    private int probe(int[] key, int from, int i) {
        while (true) {
            int r = slots[i];
            if (r < 0) {
                return -1;
            }
            if (NgramOrdering.rowEquals(words, r, width, key, from)) {
                return r;
            }
            i = (i + 1) & mask;
        }
    }
}
