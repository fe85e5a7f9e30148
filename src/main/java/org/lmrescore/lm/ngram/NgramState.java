package org.lmrescore.lm.ngram;

import org.lmrescore.lm.LmState;

import java.util.Arrays;

/**
 * An n-gram model's context: the longest suffix of the history that the model knows (at most
 * order-1 words, most recent first) with the log10 backoff of each of its suffixes, so scoring
 * the next word needs no context lookup. Two states are equal when their words are; the backoffs
 * follow from the words.
 */
public final class NgramState implements LmState {
    static final NgramState EMPTY = new NgramState(new int[0], new float[0]);

    /** words[0] is the most recent word. */
    final int[] words;
    /** backoffs[j]: log10 backoff of the context words[j], ..., words[0]. */
    final float[] backoffs;
    private final int hash;

    NgramState(int[] words, float[] backoffs) {
        this.words = words;
        this.backoffs = backoffs;
        this.hash = Arrays.hashCode(words);
    }

    /** Number of context words. */
    public int length() {
        return words.length;
    }

    /** Context word {@code i}, 0 being the most recent. */
    public int word(int i) {
        return words[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NgramState other && other.hash == hash && Arrays.equals(words, other.words);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "NgramState" + Arrays.toString(words);
    }
}
