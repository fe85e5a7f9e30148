package org.lmrescore.lm.rnn;

import java.util.List;

/**
 * The recurrent part of the network: reads one input unit and the previous state, produces the
 * next state whose first {@link #size()} floats are the vector the output layer sees. Each cell
 * type (sigmoid Elman, tanh, ReLU, GRU, LSTM) is one implementation; the output layer, direct
 * connections, trainer, model files and dynamic evaluation only use this interface.
 *
 * <p>{@link #step} is thread-safe for scoring. Training goes through a per-thread
 * {@link BpttWindow}, which updates the shared weights in place (lock-free across threads).
 */
public interface HiddenLayer {

    /** The cell name written in model files ({@code sigmoid}, ...). */
    String type();

    /** Size of the output vector h. */
    int size();

    /** Floats of recurrent state carried between words (>= size(); LSTM also carries its cell). */
    int stateSize();

    /** The state before the first word of a text (rnnlm: every unit 0.1). */
    void initialState(float[] state);

    /** The state after an independent-sentence reset (rnnlm: every unit 1.0). */
    void resetState(float[] state);

    /** Computes {@code next} from {@code state} and an input unit; {@code input < 0} means no word (OOV). */
    void step(int input, float[] state, float[] next);

    /** A training workspace keeping the last {@code bptt + block} steps. */
    BpttWindow newWindow(int bptt, int block);

    /**
     * A training workspace for one of several threads training this layer at once: it may buffer
     * the updates of weights every block writes (see {@link BpttWindow#flush}).
     */
    default BpttWindow newParallelWindow(int bptt, int block) {
        return newWindow(bptt, block);
    }

    /**
     * Whether, with several threads, the output layer may buffer its updates of the rows every
     * word writes until the end of each BPTT block ({@link OutputLayer#newScratch}). A thread's
     * buffered update then lands on weights the other threads moved meanwhile. Measured on 2
     * threads at rate 0.1 (eval/rnn-speed.md): the sigmoid Elman layer trains as well with it and
     * 1.2x faster; a GRU diverges in its first epoch with it and trains normally without it.
     */
    default boolean toleratesDeferredUpdates() {
        return false;
    }

    /** The trained weights, by name, in a fixed order (model files, checkpoints, gradient checks). */
    List<WeightBlock> weights();
}
