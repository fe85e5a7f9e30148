package org.lmrescore.lm.rnn;

/**
 * One thread's truncated back-propagation through time over a {@link HiddenLayer}: it runs the
 * layer forward word by word, remembers the last {@code bptt + block} steps, collects the error
 * the output layer sends to each step, and at {@link #backward} propagates the errors of the
 * last block back through time and updates the layer's weights (rnnlm's -bptt / -bptt-block).
 */
public interface BpttWindow {

    /** Forgets the history and starts from {@code state} (copied). */
    void start(float[] state);

    /** Advances one word; returns the output vector h of the new step (valid until the next call). */
    float[] forward(int input);

    /** The error vector dE/dh of the current step, zeroed by {@link #forward}; the output layer adds to it. */
    float[] outputError();

    /**
     * The error vector of the step {@code stepsAgo} steps back (0 = the current one), within the
     * window; a layer stacked on this one adds its input errors there before {@link #backward}.
     */
    float[] outputErrorAt(int stepsAgo);

    /** The full state after the last step (a view; copy it to keep it). */
    float[] state();

    /**
     * Propagates the collected errors back through the window and applies the weight updates
     * {@code w += alpha * gradient}, with the L2 shrink factor {@code keep} on updated weights.
     *
     * @param clip element-wise bound on the back-propagated hidden error
     */
    void backward(float alpha, float keep, float clip);

    /** Applies the weight updates this window has buffered (a parallel window; else nothing to do). */
    default void flush() {
    }
}
