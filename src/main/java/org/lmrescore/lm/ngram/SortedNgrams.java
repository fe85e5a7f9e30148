package org.lmrescore.lm.ngram;

/** Distinct n-grams of one order with their counts, rows of {@code order} ids in suffix order. */
final class SortedNgrams {
    final int order;
    final int size;
    final int[] words;
    final long[] counts;

    SortedNgrams(int order, int size, int[] words, long[] counts) {
        this.order = order;
        this.size = size;
        this.words = words;
        this.counts = counts;
    }

    int word(int i, int position) {
        return words[i * order + position];
    }
}
