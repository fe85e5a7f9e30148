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
        // a backoff per order: a match fills the highest order's too
        this.words = new int[model.order];
        this.backoffs = new float[model.order];
        this.nextWords = new int[model.order];
        this.nextBackoffs = new float[model.order];
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
        long match = index.match(word, words, length, nextBackoffs);
        int matched = NgramIndex.matchedOrder(match);
        float p = NgramIndex.matchedProb(match);
        for (int j = matched - 1; j < length; j++) {
            p += backoffs[j];
        }
        // the next context: word, then the context words the match covered
        int keep = Math.min(matched, maxContext);
        int[] nw = nextWords;
        if (keep > 0) {
            nw[0] = word;
            System.arraycopy(words, 0, nw, 1, keep - 1);
        }
        float[] nb = nextBackoffs;
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
