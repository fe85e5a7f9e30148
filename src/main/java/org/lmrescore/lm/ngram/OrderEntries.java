package org.lmrescore.lm.ngram;

import java.util.Arrays;

/**
 * The n-grams of one order as an ARPA file lists them: word ids (row {@code i} is
 * {@code words[i*order .. i*order+order-1]}, oldest word first), log10 probability and log10
 * backoff. Plain growable arrays, no object per n-gram.
 */
public final class OrderEntries {
    private final int order;
    private int size;
    private int[] words;
    private float[] prob;
    private float[] backoff;

    /** Java's largest array, in elements. */
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    /** The most n-grams of one order these arrays hold. */
    public static int maxEntries(int order) {
        return MAX_ARRAY / order;
    }

    public OrderEntries(int order, int capacity) {
        this.order = order;
        int cap = Math.max(Math.min(capacity, maxEntries(order)), 4);
        this.words = new int[cap * order];
        this.prob = new float[cap];
        this.backoff = new float[cap];
    }

    /** Entries over existing arrays (not copied): rows {@code 0 .. size-1} of {@code words}. */
    static OrderEntries wrap(int order, int size, int[] words, float[] log10Prob, float[] log10Backoff) {
        OrderEntries e = new OrderEntries(order, 0);
        e.size = size;
        e.words = words;
        e.prob = log10Prob;
        e.backoff = log10Backoff;
        return e;
    }

    public int order() {
        return order;
    }

    public int size() {
        return size;
    }

    /** Appends an n-gram; {@code ngram} holds at least {@code order} ids from {@code from}. */
    public void add(int[] ngram, int from, float log10Prob, float log10Backoff) {
        if (size == prob.length) {
            if (size == maxEntries(order)) {
                throw new IllegalStateException("more than " + size + " " + order + "-grams");
            }
            int cap = (int) Math.min(2L * size, maxEntries(order));
            words = Arrays.copyOf(words, cap * order);
            prob = Arrays.copyOf(prob, cap);
            backoff = Arrays.copyOf(backoff, cap);
        }
        System.arraycopy(ngram, from, words, size * order, order);
        prob[size] = log10Prob;
        backoff[size] = log10Backoff;
        size++;
    }

    /** Appends every entry of {@code other}, an order of the same n. */
    public void addAll(OrderEntries other) {
        if (other.order != order) {
            throw new IllegalArgumentException(other.order + "-grams added to " + order + "-grams");
        }
        for (int i = 0; i < other.size; i++) {
            add(other.words, i * order, other.prob[i], other.backoff[i]);
        }
    }

    /** Word {@code position} (0 = oldest) of n-gram {@code i}. */
    public int word(int i, int position) {
        return words[i * order + position];
    }

    public float prob(int i) {
        return prob[i];
    }

    public float backoff(int i) {
        return backoff[i];
    }

    /**
     * The error for an n-gram listed twice, {@code w[from .. from+n-1]} in the words of
     * {@code vocabulary}, at {@code line} of a file (0: unknown); the reader adds the file.
     */
    static org.lmrescore.util.InputFormatException listedTwice(org.lmrescore.lm.Vocabulary vocabulary, int[] w,
            int from, int n, long line) {
        StringBuilder gram = new StringBuilder();
        for (int k = 0; k < n; k++) {
            gram.append(k == 0 ? "" : " ").append(vocabulary.word(w[from + k]));
        }
        return new org.lmrescore.util.InputFormatException((String) null, line,
                "the " + n + "-gram '" + gram + "' is listed twice", null);
    }

    /** The probabilities; valid up to {@code size()}. */
    float[] probArray() {
        return prob;
    }

    /** The backoffs; valid up to {@code size()}. */
    float[] backoffArray() {
        return backoff;
    }

    /** The flat word array (rows of {@code order} ids); valid up to {@code size()*order()}. */
    int[] wordArray() {
        return words;
    }
}
