package org.lmrescore.lm;

/**
 * Scores a word sequence left to right: what perplexity and any other sentence-by-sentence pass
 * use. It keeps its own context, so a model can score without allocating a state per word (an
 * n-gram model finds the word's probability and its next context in one walk). One per thread.
 */
public interface SequenceScorer {
    /** Back to the state after {@code <s>}. */
    void restart();

    /** ln P(word | the words so far), then the context moves past {@code word}. */
    double advance(int word);

    /** Moves past {@code word} without scoring it (an OOV that is not counted). */
    default void skip(int word) {
        advance(word);
    }

    /** The scorer of any model: its states, one {@link LanguageModel#next} per word. */
    static SequenceScorer of(LanguageModel model) {
        return new SequenceScorer() {
            private LmState state = model.start();

            @Override
            public void restart() {
                state = model.start();
            }

            @Override
            public double advance(int word) {
                double lp = model.logProb(state, word);
                state = model.next(state, word);
                return lp;
            }

            @Override
            public void skip(int word) {
                state = model.next(state, word);
            }
        };
    }
}
