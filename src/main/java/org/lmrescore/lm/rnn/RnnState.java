package org.lmrescore.lm.rnn;

import org.lmrescore.lm.LmState;

import java.util.Arrays;

/**
 * An RNN's context: its hidden state and the last few input units its direct connections read.
 * Immutable (the arrays are never changed after construction); equal states score equally.
 * It remembers its output layer's normaliser once computed ({@link OutputLayer#sharedNormaliser}),
 * a function of the state and the weights, which change only between utterances (dynamic
 * adaptation), when every state is made anew.
 */
public final class RnnState implements LmState {
    final float[] hidden;
    final int[] history;
    private final int hash;
    /** ln of the output normaliser at this state, NaN until computed (any thread computes the same value). */
    volatile double logNormaliser = Double.NaN;

    RnnState(float[] hidden, int[] history) {
        this.hidden = hidden;
        this.history = history;
        this.hash = 31 * Arrays.hashCode(hidden) + Arrays.hashCode(history);
    }

    /** A copy of the hidden state vector. */
    public float[] hiddenVector() {
        return hidden.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RnnState s && s.hash == hash && Arrays.equals(s.hidden, hidden)
                && Arrays.equals(s.history, history);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
