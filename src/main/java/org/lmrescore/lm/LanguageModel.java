package org.lmrescore.lm;

/**
 * A left-to-right word predictor: the one interface every model (n-gram, RNN, a mix of them)
 * implements, and the only thing rescoring knows about models.
 *
 * <p>Probabilities are natural logs. Word ids come from {@link #vocabulary()}; a word outside
 * it is passed as {@link Vocabulary#NONE} and gets the model's unknown-word probability, or
 * {@link Double#NEGATIVE_INFINITY} when the model has none (callers decide what an OOV costs;
 * no model silently turns it into a finite score it does not have).
 *
 * <p>Implementations are thread-safe for scoring: states are immutable and models are not
 * changed by {@link #logProb} or {@link #next}.
 */
public interface LanguageModel {

    Vocabulary vocabulary();

    /** The state after the sentence-start token {@code <s>}. */
    LmState start();

    /** ln P(word | context). */
    double logProb(LmState context, int word);

    /** The state after reading {@code word} in {@code context}. */
    LmState next(LmState context, int word);

    /**
     * ln P(w | context) for every word id w of {@link #vocabulary()}, into {@code out} (at least
     * vocabulary-size long). Models that can compute the whole distribution faster than one word
     * at a time (an RNN's softmax) override this; it is what a log-linear mix normalises over.
     */
    default void logProbs(LmState context, double[] out) {
        int n = vocabulary().size();
        for (int w = 0; w < n; w++) {
            out[w] = logProb(context, w);
        }
    }

    /**
     * A hint: {@link #logProb} is about to be asked in each of these contexts. A model whose
     * probabilities in one context share a costly part (an exact softmax normaliser over the
     * vocabulary) computes it for all of them at once, which is much cheaper than one by one; any
     * other model ignores it (the default). Results never depend on whether it was called.
     */
    default void prepare(java.util.List<? extends LmState> contexts) {
    }

    /** A left-to-right scorer for one thread; models with a faster walk than their states override it. */
    default SequenceScorer sequenceScorer() {
        return SequenceScorer.of(this);
    }

    /** ln P(word | context) of a whole sentence including {@code </s>}, OOV words included as scored. */
    default double sentenceLogProb(int[] words) {
        LmState state = start();
        double total = 0;
        for (int w : words) {
            total += logProb(state, w);
            state = next(state, w);
        }
        return total + logProb(state, vocabulary().id(Vocabulary.EOS));
    }
}
