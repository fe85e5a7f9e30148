package org.lmrescore.lm.rnn;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The Elman layer of Mikolov et al. 2010: h_t = f(U[w_t] + W h_{t-1}), with the input word as a
 * one-hot vector (so U x is one row of U) and f the {@link Activation}: sigmoid as in RNNLM,
 * tanh, or (truncated) ReLU, which starts from a scaled identity recurrent matrix (Le et al.
 * 2015, faster-rnnlm's diagonal initialisation) so it neither dies nor explodes at once.
 *
 * <p>Layout: U holds one row of H floats per input unit; W is row-major, row j holding the
 * weights into hidden unit j, so the forward pass is a dot product per unit and the backward
 * pass and the update are axpy loops over rows.
 */
public final class ElmanLayer implements HiddenLayer {
    /** ReLU layers start with this value on the recurrent diagonal. */
    static final float RELU_DIAGONAL = 0.9f;
    private final Activation activation;
    private final int units;
    private final int size;
    /** Input weights, units x size. */
    final float[] input;
    /** Recurrent weights, size x size, row j = weights into unit j. */
    final float[] recurrent;

    ElmanLayer(Activation activation, int units, int size) {
        this.activation = activation;
        this.units = units;
        this.size = size;
        this.input = new float[units * size];
        this.recurrent = new float[size * size];
    }

    /** A layer with rnnlm's initialisation: every weight the sum of three uniform(-0.1, 0.1) draws. */
    static ElmanLayer random(Activation activation, int units, int size, Random random) {
        ElmanLayer layer = new ElmanLayer(activation, units, size);
        Initialiser.fill(layer.input, random);
        Initialiser.fill(layer.recurrent, random);
        if (activation != Activation.SIGMOID) {
            // rnnlm's draws (sd 0.1) give W a spectral radius near 0.1 sqrt(H), 1.4 at H=200: harmless
            // behind the sigmoid's slope of at most 1/4, but tanh (slope 1) and ReLU then blow up
            // through time. Scale to radius ~0.5 (tanh), or ~0.1 around 0.9 I (ReLU, as faster-rnnlm's
            // diagonal initialisation).
            float scale = (float) ((activation == Activation.RELU ? 1 : 5) / Math.sqrt(size));
            for (int i = 0; i < layer.recurrent.length; i++) {
                layer.recurrent[i] *= scale;
            }
            if (activation == Activation.RELU) {
                for (int j = 0; j < size; j++) {
                    layer.recurrent[j * size + j] += RELU_DIAGONAL;
                }
            }
        }
        return layer;
    }

    @Override
    public String type() {
        return activation.cellName();
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int stateSize() {
        return size;
    }

    @Override
    public void initialState(float[] state) {
        Arrays.fill(state, 0, size, activation == Activation.SIGMOID ? 0.1f : 0f);
    }

    @Override
    public void resetState(float[] state) {
        // rnnlm resets its sigmoid units to 1; a tanh or ReLU layer starts from rest
        Arrays.fill(state, 0, size, activation == Activation.SIGMOID ? 1f : 0f);
    }

    @Override
    public void step(int word, float[] state, float[] next) {
        int n = size;
        int row = word * n;
        for (int j = 0; j < n; j++) {
            float a = Blas.dot(recurrent, j * n, state, n);
            if (word >= 0) {
                a += input[row + j];
            }
            next[j] = activation.apply(a);
        }
    }

    @Override
    public BpttWindow newWindow(int bptt, int block) {
        return new Window(bptt, block);
    }

    @Override
    public List<WeightBlock> weights() {
        return List.of(new WeightBlock("input", input), new WeightBlock("recurrent", recurrent));
    }

    int units() {
        return units;
    }

    /** Truncated BPTT over the last bptt + block - 1 steps. */
    private final class Window implements BpttWindow {
        private final int capacity;
        private final int unroll;
        private final int[] inputs;
        private final float[][] states;
        private final float[][] errors;
        /** Back-propagated error of each unrolled step, newest first, and the state each step read. */
        private final float[][] e;
        private final float[][] prevOf;
        private long steps;

        Window(int bptt, int block) {
            this.unroll = bptt + block - 1;
            this.capacity = bptt + block;
            this.inputs = new int[capacity];
            this.states = new float[capacity + 1][size];
            this.errors = new float[capacity][size];
            this.e = new float[capacity + 1][size];
            this.prevOf = new float[capacity + 1][];
        }

        @Override
        public void start(float[] state) {
            steps = 0;
            System.arraycopy(state, 0, states[0], 0, size);
            for (float[] err : errors) {
                Arrays.fill(err, 0);
            }
        }

        @Override
        public float[] forward(int word) {
            float[] prev = states[(int) (steps % (capacity + 1))];
            steps++;
            float[] next = states[(int) (steps % (capacity + 1))];
            step(word, prev, next);
            inputs[(int) (steps % capacity)] = word;
            Arrays.fill(errors[(int) (steps % capacity)], 0);
            return next;
        }

        @Override
        public float[] outputError() {
            return errors[(int) (steps % capacity)];
        }

        @Override
        public float[] outputErrorAt(int stepsAgo) {
            return errors[(int) ((steps - stepsAgo) % capacity)];
        }

        @Override
        public float[] state() {
            return states[(int) (steps % (capacity + 1))];
        }

        @Override
        public void backward(float alpha, float keep, float clip) {
            int n = size;
            float[] u = input;
            float[] w = recurrent;
            Arrays.fill(e[0], 0);
            long oldest = Math.max(1, steps - unroll + 1);
            int used = 0;
            float[] carried = e[0];
            for (long s = steps; s >= oldest; s--) {
                float[] dh = errors[(int) (s % capacity)];
                float[] h = states[(int) (s % (capacity + 1))];
                float[] es = e[used];
                for (int j = 0; j < n; j++) {
                    float v = carried[j] + dh[j];
                    if (v > clip) {
                        v = clip;
                    } else if (v < -clip) {
                        v = -clip;
                    }
                    es[j] = v * activation.slope(h[j]);
                }
                Arrays.fill(dh, 0);
                prevOf[used] = states[(int) ((s - 1) % (capacity + 1))];
                int word = inputs[(int) (s % capacity)];
                if (word >= 0) {
                    int row = word * n;
                    for (int j = 0; j < n; j++) {
                        u[row + j] = u[row + j] * keep + alpha * es[j];
                    }
                }
                used++;
                if (s > oldest) {
                    // error into the previous step: W^T e, with the weights before this block's update
                    carried = e[used];
                    Arrays.fill(carried, 0);
                    int j = 0;
                    for (; j + 3 < n; j += 4) {
                        Blas.axpy4(es[j], es[j + 1], es[j + 2], es[j + 3], w, j * n, n, carried);
                    }
                    for (; j < n; j++) {
                        Blas.axpy(es[j], w, j * n, carried, n);
                    }
                }
            }
            // W += alpha * sum_s e_s (x) h_{s-1}, one row at a time so each row is read once.
            for (int j = 0; j < n; j++) {
                int off = j * n;
                if (keep != 1f) {
                    for (int i = 0; i < n; i++) {
                        w[off + i] *= keep;
                    }
                }
                int k = 0;
                for (; k + 3 < used; k += 4) {
                    float a0 = alpha * e[k][j];
                    float a1 = alpha * e[k + 1][j];
                    float a2 = alpha * e[k + 2][j];
                    float a3 = alpha * e[k + 3][j];
                    float[] h0 = prevOf[k];
                    float[] h1 = prevOf[k + 1];
                    float[] h2 = prevOf[k + 2];
                    float[] h3 = prevOf[k + 3];
                    for (int i = 0; i < n; i++) {
                        w[off + i] += a0 * h0[i] + a1 * h1[i] + a2 * h2[i] + a3 * h3[i];
                    }
                }
                for (; k < used; k++) {
                    float a = alpha * e[k][j];
                    float[] hp = prevOf[k];
                    for (int i = 0; i < n; i++) {
                        w[off + i] += a * hp[i];
                    }
                }
            }
        }
    }
}
