package org.lmrescore.lm.ngram;

import org.lmrescore.lm.LanguageModel;
import org.lmrescore.lm.LmState;
import org.lmrescore.lm.Vocabulary;


/**
 * A backoff n-gram model compiled for queries: a vocabulary and an {@link NgramIndex} (probing hash
 * tables or a trie, on the heap or mapped from a binary file). A query walks from the predicted
 * word towards older context words, one index step per order, and stops at the first miss; the
 * context's backoffs come with the {@link NgramState}, so no context is looked up again.
 *
 * <p>Values are stored as the file's log10 floats; {@link #logProb} returns natural logs.
 * An OOV ({@link Vocabulary#NONE}) is scored as {@code <unk>}, or -infinity without it.
 */
public final class NgramModel implements LanguageModel {
    static final double LN10 = Math.log(10);

    final Vocabulary vocabulary;
    final int order;
    final NgramIndex index;
    private final int unk;
    private final NgramState start;

    NgramModel(Vocabulary vocabulary, NgramIndex index) {
        this.vocabulary = vocabulary;
        this.order = index.order();
        this.index = index;
        this.unk = vocabulary.id(Vocabulary.UNK);
        int bos = vocabulary.id(Vocabulary.BOS);
        this.start = bos == Vocabulary.NONE || order == 1 ? NgramState.EMPTY
                : new NgramState(new int[] {bos}, new float[] {index.unigramBackoff(bos)});
    }

    /** Compiles ARPA-style tables into heap probing tables, blanks added (see {@link Blanks}). */
    public static NgramModel of(BackoffTables t) {
        ProbingIndex index = ProbingIndex.of(t);
        Blanks.fill(t, index);
        return new NgramModel(t.vocabulary(), index);
    }

    @Override
    public Vocabulary vocabulary() {
        return vocabulary;
    }

    /** Highest n-gram order. */
    public int order() {
        return order;
    }

    /** Number of n-grams of order {@code n} (blank entries included). */
    public long count(int n) {
        return index.count(n);
    }

    @Override
    public NgramState start() {
        return start;
    }

    /** The state of an empty history (no {@code <s>}). */
    public NgramState empty() {
        return NgramState.EMPTY;
    }

    @Override
    public double logProb(LmState context, int word) {
        return log10Prob((NgramState) context, word) * LN10;
    }

    /** log10 P(word | context), the ARPA value. */
    public float log10Prob(NgramState s, int word) {
        word = scoredAs(word);
        if (word == Vocabulary.NONE) {
            return Float.NEGATIVE_INFINITY;
        }
        int[] ctx = s.words;
        int len = Math.min(ctx.length, order - 1);
        long match = index.match(word, ctx, len, null);
        float p = NgramIndex.matchedProb(match);
        float[] bo = s.backoffs;
        for (int j = NgramIndex.matchedOrder(match) - 1; j < len; j++) {
            p += bo[j];
        }
        return p;
    }

    @Override
    public NgramState next(LmState context, int word) {
        NgramState s = (NgramState) context;
        word = scoredAs(word);
        if (word == Vocabulary.NONE || order == 1) {
            return NgramState.EMPTY;
        }
        int[] ctx = s.words;
        int len = Math.min(ctx.length, order - 2);
        float[] found = new float[len + 1];
        int matched = NgramIndex.matchedOrder(index.match(word, ctx, len, found));
        int[] words = new int[matched];
        words[0] = word;
        System.arraycopy(ctx, 0, words, 1, matched - 1);
        return new NgramState(words, matched == found.length ? found : java.util.Arrays.copyOf(found, matched));
    }

    @Override
    public double sentenceLogProb(int[] words) {
        NgramScorer s = new NgramScorer(this);
        double total = 0;
        for (int w : words) {
            total += s.advance(w);
        }
        int eos = vocabulary.id(Vocabulary.EOS);
        return (total + (eos == Vocabulary.NONE ? Float.NEGATIVE_INFINITY : s.advance(eos))) * LN10;
    }

    @Override
    public org.lmrescore.lm.SequenceScorer sequenceScorer() {
        NgramScorer s = scorer();
        return new org.lmrescore.lm.SequenceScorer() {
            @Override
            public void restart() {
                s.reset(start);
            }

            @Override
            public double advance(int word) {
                return s.advance(word) * LN10;
            }
        };
    }

    /** A reusable, allocation-free walker for one thread (the fast path for long texts). */
    public NgramScorer scorer() {
        return new NgramScorer(this);
    }

    /** The id {@code word} is scored as: itself, {@code <unk>} for an OOV, NONE for an OOV without {@code <unk>}. */
    int scoredAs(int word) {
        return word == Vocabulary.NONE ? unk : word;
    }
}
