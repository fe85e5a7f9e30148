package org.lmrescore.lm.rnn;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * What gated cells (GRU, LSTM) share: G gate blocks of H units, each fed by its input and by the
 * previous output h through {@code recurrent} (G*H rows of H, row-major). The input is either a
 * one-hot word (a row of {@code input}, units x G*H) or, for a layer stacked on another, the
 * lower layer's output vector ({@code input} then holds G*H rows of that vector's size). A cell
 * supplies the forward step and one step of the backward pass; this class keeps the BPTT history,
 * clips the errors, applies the updates and hands a stacked layer's input errors down.
 *
 * <p>There are no bias vectors: as in rnnlm, the one-hot input row of each word acts as one.
 */
abstract class GatedLayer implements HiddenLayer {
    final int units;
    final int size;
    final int gates;
    /** Size of a dense input vector (a stacked layer), 0 for a one-hot word input. */
    final int below;
    /** One-hot: units x (gates * size), row of word w = what it adds to every gate; dense: (gates * size) x below. */
    final float[] input;
    /** Recurrent weights, (gates * size) x size, row k = weights into pre-activation k. */
    final float[] recurrent;

    GatedLayer(int units, int size, int gates, int below) {
        this.units = units;
        this.size = size;
        this.gates = gates;
        this.below = below;
        this.input = new float[below > 0 ? gates * size * below : units * gates * size];
        this.recurrent = new float[gates * size * size];
    }

    /** rnnlm's initialisation for every weight. */
    void randomise(Random random) {
        Initialiser.fill(input, random);
        Initialiser.fill(recurrent, random);
    }

    /** Floats a step keeps for its backward pass (gate activations and the like). */
    abstract int activationSize();

    /** Floats of per-thread scratch a step or backward step needs. */
    abstract int scratchSize();

    /**
     * One step forward: {@code next} from {@code prev} and the input, word {@code word} (-1 = none)
     * or the lower layer's vector {@code x} (stacked layers); gate activations go to {@code act}.
     */
    abstract void forward(int word, float[] x, float[] prev, float[] next, float[] act, float[] scratch);

    /**
     * One step backward. Given the error on the step's state {@code dState} (output and, for the
     * LSTM, cell), writes the error on the previous state to {@code dPrev}, the error on every
     * gate pre-activation to {@code pre} (G*H), and adds the recurrent weight gradient to {@code grad}.
     * Errors are negative gradients (rnnlm's convention: weights move by +alpha * error * input).
     */
    abstract void backward(float[] prev, float[] act, float[] dState, float[] dPrev, float[] pre, float[] grad,
                           float[] scratch);

    @Override
    public int size() {
        return size;
    }

    @Override
    public void initialState(float[] state) {
        Arrays.fill(state, 0, stateSize(), 0f);
    }

    @Override
    public void resetState(float[] state) {
        Arrays.fill(state, 0, stateSize(), 0f);
    }

    @Override
    public void step(int word, float[] state, float[] next) {
        forward(word, null, state, next, new float[activationSize()], new float[scratchSize()]);
    }

    /** A step of a stacked layer, fed by the output {@code x} of the layer below. */
    void stepOn(float[] x, float[] state, float[] next) {
        forward(-1, x, state, next, new float[activationSize()], new float[scratchSize()]);
    }

    @Override
    public List<WeightBlock> weights() {
        return List.of(new WeightBlock("input", input), new WeightBlock("recurrent", recurrent));
    }

    @Override
    public BpttWindow newWindow(int bptt, int block) {
        return new Window(bptt, block, null);
    }

    /** The window of a stacked layer: its input errors go to {@code lower}'s output errors. */
    Window newWindowOn(int bptt, int block, BpttWindow lower) {
        return new Window(bptt, block, lower);
    }

    /**
     * Pre-activation rows [first, first+count): out[k] = W[first+k] . h + the input's part, the
     * word's input row or (stacked) the input matrix's row times {@code x}.
     */
    final void preActivations(int word, float[] x, int first, int count, float[] h, float[] out, int outOff) {
        int n = size;
        Blas.matVec(recurrent, first * n, count, n, h, out, outOff);
        if (x != null) {
            for (int k = 0; k < count; k++) {
                out[outOff + k] += Blas.dot(input, (first + k) * below, x, below);
            }
        } else if (word >= 0) {
            Blas.axpy(1f, input, word * gates * n + first, out, outOff, count);
        }
    }

    /** out[outOff..outOff+H) += W[first..first+count)^T e, the error a block of rows sends back to its input vector. */
    final void transposeTimes(int first, int count, float[] e, int eOff, float[] out, int outOff) {
        Blas.transposedMatVecAdd(recurrent, first * size, count, size, e, eOff, out, outOff);
    }

    /** grad rows [first, first+count) += e (x) x. */
    final void outer(int first, int count, float[] e, int eOff, float[] x, float[] grad) {
        int n = size;
        for (int k = 0; k < count; k++) {
            float a = e[eOff + k];
            if (a != 0) {
                Blas.axpy(a, x, 0, grad, (first + k) * n, n);
            }
        }
    }

    /** Truncated BPTT over the last bptt + block - 1 steps, for any gated cell. */
    final class Window implements BpttWindow {
        private final int capacity;
        private final int unroll;
        private final int[] inputs;
        private final float[][] states;
        private final float[][] acts;
        private final float[][] errors;
        private final float[] grad;
        /** Stacked layers: the input vector of each step, the input weights' gradient, where input errors go. */
        private final float[][] xs;
        private final float[] inputGrad;
        private final BpttWindow lower;
        private final float[] pre;
        private final float[] scratch;
        private float[] dState;
        private float[] dPrev;
        private long steps;

        Window(int bptt, int block, BpttWindow lower) {
            this.unroll = bptt + block - 1;
            this.capacity = bptt + block;
            int s = stateSize();
            this.inputs = new int[capacity];
            this.states = new float[capacity + 1][s];
            this.acts = new float[capacity + 1][activationSize()];
            this.errors = new float[capacity][size];
            this.grad = new float[recurrent.length];
            this.lower = lower;
            this.xs = below > 0 ? new float[capacity + 1][below] : null;
            this.inputGrad = below > 0 ? new float[input.length] : null;
            this.pre = new float[gates * size];
            this.scratch = new float[scratchSize()];
            this.dState = new float[s];
            this.dPrev = new float[s];
        }

        @Override
        public void start(float[] state) {
            steps = 0;
            System.arraycopy(state, 0, states[0], 0, stateSize());
            for (float[] err : errors) {
                Arrays.fill(err, 0);
            }
        }

        @Override
        public float[] forward(int word) {
            return advance(word, null);
        }

        /** A stacked layer's step on the lower layer's output {@code x} (copied). */
        float[] forwardOn(float[] x) {
            return advance(-1, x);
        }

        private float[] advance(int word, float[] x) {
            float[] prev = states[(int) (steps % (capacity + 1))];
            steps++;
            int slot = (int) (steps % (capacity + 1));
            float[] in = null;
            if (x != null) {
                in = xs[slot];
                System.arraycopy(x, 0, in, 0, below);
            }
            GatedLayer.this.forward(word, in, prev, states[slot], acts[slot], scratch);
            inputs[(int) (steps % capacity)] = word;
            Arrays.fill(errors[(int) (steps % capacity)], 0);
            return states[slot];
        }

        @Override
        public float[] outputErrorAt(int stepsAgo) {
            return errors[(int) ((steps - stepsAgo) % capacity)];
        }

        @Override
        public float[] outputError() {
            return errors[(int) (steps % capacity)];
        }

        @Override
        public float[] state() {
            return states[(int) (steps % (capacity + 1))];
        }

        @Override
        public void backward(float alpha, float keep, float clip) {
            int width = gates * size;
            Arrays.fill(grad, 0);
            if (inputGrad != null) {
                Arrays.fill(inputGrad, 0);
            }
            Arrays.fill(dPrev, 0);
            long oldest = Math.max(1, steps - unroll + 1);
            for (long s = steps; s >= oldest; s--) {
                float[] swap = dState;
                dState = dPrev;
                dPrev = swap;
                float[] dh = errors[(int) (s % capacity)];
                for (int j = 0; j < size; j++) {
                    dState[j] += dh[j];
                }
                Arrays.fill(dh, 0);
                for (int j = 0; j < dState.length; j++) {
                    dState[j] = Math.max(-clip, Math.min(clip, dState[j]));
                }
                int slot = (int) (s % (capacity + 1));
                float[] prev = states[(int) ((s - 1) % (capacity + 1))];
                Arrays.fill(dPrev, 0);
                GatedLayer.this.backward(prev, acts[slot], dState, dPrev, pre, grad, scratch);
                int word = inputs[(int) (s % capacity)];
                if (inputGrad != null) {
                    // stacked: the error on the lower layer's output at this step, with the weights before the update
                    float[] x = xs[slot];
                    float[] down = lower.outputErrorAt((int) (steps - s));
                    for (int k = 0; k < width; k++) {
                        float a = pre[k];
                        if (a != 0) {
                            int off = k * below;
                            for (int i = 0; i < below; i++) {
                                down[i] += a * input[off + i];
                                inputGrad[off + i] += a * x[i];
                            }
                        }
                    }
                } else if (word >= 0) {
                    Blas.scaleAdd(input, word * width, keep, alpha, pre, width);
                }
            }
            Blas.scaleAdd(recurrent, 0, keep, alpha, grad, recurrent.length);
            if (inputGrad != null) {
                for (int i = 0; i < input.length; i++) {
                    input[i] = input[i] * keep + alpha * inputGrad[i];
                }
            }
        }
    }
}
