package org.lmrescore.lm.ngram;

/**
 * The n-grams of one order as Kneser-Ney sees them, in suffix order: adjusted counts (the number
 * of distinct words seen before the n-gram; the raw count for the highest order and for n-grams
 * that start with {@code <s>}) and raw counts. Unigrams are dense: row i is word id i.
 */
final class CountLevel {
    final int order;
    int size;
    int[] words;
    long[] adjusted;
    long[] raw;

    CountLevel(int order, int capacity) {
        this.order = order;
        this.words = new int[Math.max(1, capacity) * order];
        this.adjusted = new long[Math.max(1, capacity)];
        this.raw = new long[Math.max(1, capacity)];
    }

    /** A level over existing arrays (not copied): rows {@code 0 .. size-1}. */
    static CountLevel wrap(int order, int size, int[] words, long[] adjusted, long[] raw) {
        CountLevel l = new CountLevel(order, 0);
        l.size = size;
        l.words = words;
        l.adjusted = adjusted;
        l.raw = raw;
        return l;
    }

    void add(int[] src, int from, long adjustedCount, long rawCount) {
        if (size == adjusted.length) {
            int cap = size * 2;
            words = java.util.Arrays.copyOf(words, cap * order);
            adjusted = java.util.Arrays.copyOf(adjusted, cap);
            raw = java.util.Arrays.copyOf(raw, cap);
        }
        System.arraycopy(src, from, words, size * order, order);
        adjusted[size] = adjustedCount;
        raw[size] = rawCount;
        size++;
    }

    int word(int i, int position) {
        return words[i * order + position];
    }

    int last(int i) {
        return words[i * order + order - 1];
    }
}
