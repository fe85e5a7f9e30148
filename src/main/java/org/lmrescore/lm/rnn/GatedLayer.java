package org.lmrescore.lm.rnn;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * What gated cells (GRU, LSTM) share: G gate blocks of H units, each fed by a one-hot input
 * (a row of {@code input}, units x G*H) and by the previous output h through {@code recurrent}
 * (G*H rows of H, row-major). A cell supplies the forward step and one step of the backward pass;
 * this class keeps the BPTT history, clips the errors and applies the updates.
 *
 * <p>There are no bias vectors: as in rnnlm, the one-hot input row of each word acts as one.
 */
abstract class GatedLayer implements HiddenLayer {
    final int units;
    final int size;
    final int gates;
    /** Input weights, units x (gates * size); row of word w = the pre-activation it adds to every gate. */
    final float[] input;
    /** Recurrent weights, (gates * size) x size, row k = weights into pre-activation k. */
    final float[] recurrent;

    GatedLayer(int units, int size, int gates) {
        this.units = units;
        this.size = size;
        this.gates = gates;
        this.input = new float[units * gates * size];
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
     * One step forward: {@code next} from {@code prev} and input {@code word} (-1 = none);
     * gate activations go to {@code act}.
     */
    abstract void forward(int word, float[] prev, float[] next, float[] act, float[] scratch);

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
        forward(word, state, next, new float[activationSize()], new float[scratchSize()]);
    }

    @Override
    public List<WeightBlock> weights() {
        return List.of(new WeightBlock("input", input), new WeightBlock("recurrent", recurrent));
    }

    @Override
    public BpttWindow newWindow(int bptt, int block) {
        return new Window(bptt, block);
    }

    /** Sum over the G*H pre-activation rows from {@code first}: out[k] = dot(row first+k, x) + input row of word. */
    final void preActivations(int word, int first, int count, float[] x, float[] out, int outOff) {
        int n = size;
        int row = word * gates * n + first;
        for (int k = 0; k < count; k++) {
            float a = Blas.dot(recurrent, (first + k) * n, x, n);
            if (word >= 0) {
                a += input[row + k];
            }
            out[outOff + k] = a;
        }
    }

    /** out[outOff..outOff+H) += W[first..first+count)^T e, the error a block of rows sends back to its input vector. */
    final void transposeTimes(int first, int count, float[] e, int eOff, float[] out, int outOff) {
        int n = size;
        for (int k = 0; k < count; k++) {
            float a = e[eOff + k];
            int off = (first + k) * n;
            for (int i = 0; i < n; i++) {
                out[outOff + i] += a * recurrent[off + i];
            }
        }
    }

    /** grad rows [first, first+count) += e (x) x. */
    final void outer(int first, int count, float[] e, int eOff, float[] x, float[] grad) {
        int n = size;
        for (int k = 0; k < count; k++) {
            float a = e[eOff + k];
            if (a != 0) {
                int off = (first + k) * n;
                for (int i = 0; i < n; i++) {
                    grad[off + i] += a * x[i];
                }
            }
        }
    }

    /** Truncated BPTT over the last bptt + block - 1 steps, for any gated cell. */
    private final class Window implements BpttWindow {
        private final int capacity;
        private final int unroll;
        private final int[] inputs;
        private final float[][] states;
        private final float[][] acts;
        private final float[][] errors;
        private final float[] grad;
        private final float[] pre;
        private final float[] scratch;
        private float[] dState;
        private float[] dPrev;
        private long steps;

        Window(int bptt, int block) {
            this.unroll = bptt + block - 1;
            this.capacity = bptt + block;
            int s = stateSize();
            this.inputs = new int[capacity];
            this.states = new float[capacity + 1][s];
            this.acts = new float[capacity + 1][activationSize()];
            this.errors = new float[capacity][size];
            this.grad = new float[recurrent.length];
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
            float[] prev = states[(int) (steps % (capacity + 1))];
            steps++;
            int slot = (int) (steps % (capacity + 1));
            GatedLayer.this.forward(word, prev, states[slot], acts[slot], scratch);
            inputs[(int) (steps % capacity)] = word;
            Arrays.fill(errors[(int) (steps % capacity)], 0);
            return states[slot];
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
                if (word >= 0) {
                    int row = word * width;
                    for (int k = 0; k < width; k++) {
                        input[row + k] = input[row + k] * keep + alpha * pre[k];
                    }
                }
            }
            for (int i = 0; i < recurrent.length; i++) {
                recurrent[i] = recurrent[i] * keep + alpha * grad[i];
            }
        }
    }
}
