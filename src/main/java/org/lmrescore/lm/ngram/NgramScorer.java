package org.lmrescore.lm.ngram;

import org.lmrescore.lm.Vocabulary;

/**
 * The allocation-free fast path of {@link NgramModel}: a mutable context that scores the next
 * word and moves past it with one probe chain ({@code state -> (log10 p, next state)}).
 * One per thread; {@link #state()} snapshots the context as an immutable {@link NgramState}.
 */
public final class NgramScorer {
    private final NgramModel model;
    private final NgramIndex index;
    private final int maxContext;
    private int[] words;
    private float[] backoffs;
    private int[] nextWords;
    private float[] nextBackoffs;
    private int length;
    private int lastMatch;

    NgramScorer(NgramModel model) {
        this.model = model;
        this.index = model.index;
        this.maxContext = model.order - 1;
        this.words = new int[Math.max(1, maxContext)];
        this.backoffs = new float[Math.max(1, maxContext)];
        this.nextWords = new int[Math.max(1, maxContext)];
        this.nextBackoffs = new float[Math.max(1, maxContext)];
        reset(model.start());
    }

    /** Continues from {@code state}. */
    public NgramScorer reset(NgramState state) {
        length = Math.min(state.words.length, maxContext);
        System.arraycopy(state.words, 0, words, 0, length);
        System.arraycopy(state.backoffs, 0, backoffs, 0, length);
        return this;
    }

    /** log10 P(word | context), then the context moves past {@code word}. */
    public float advance(int word) {
        word = model.scoredAs(word);
        if (word == Vocabulary.NONE) {
            length = 0;
            lastMatch = 0;
            return Float.NEGATIVE_INFINITY;
        }
        float p = index.unigramProb(word);
        int[] nw = nextWords;
        float[] nb = nextBackoffs;
        int keep = maxContext > 0 ? 1 : 0;
        if (keep > 0) {
            nw[0] = word;
            nb[0] = index.unigramBackoff(word);
        }
        int matched = 1;
        long node = word;
        for (int j = 0; j < length; j++) {
            node = index.extend(j + 2, node, words[j]);
            if (node == NgramIndex.MISSING) {
                break;
            }
            p = index.prob(j + 2, node);
            matched = j + 2;
            if (matched <= maxContext) {
                nw[matched - 1] = words[j];
                nb[matched - 1] = index.backoff(j + 2, node);
                keep = matched;
            }
        }
        for (int j = matched - 1; j < length; j++) {
            p += backoffs[j];
        }
        nextWords = words;
        nextBackoffs = backoffs;
        words = nw;
        backoffs = nb;
        length = keep;
        lastMatch = matched;
        return p;
    }

    /** Length of the n-gram that matched in the last {@link #advance} (KenLM's "ngram length"). */
    public int lastMatchLength() {
        return lastMatch;
    }

    /** Number of words in the current context. */
    public int contextLength() {
        return length;
    }

    public NgramState state() {
        return new NgramState(java.util.Arrays.copyOf(words, length), java.util.Arrays.copyOf(backoffs, length));
    }
}
