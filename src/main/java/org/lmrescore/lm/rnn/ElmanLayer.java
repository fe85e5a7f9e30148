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
        Blas.matVec(recurrent, 0, n, n, state, next);
        if (word >= 0) {
            Blas.axpy(1f, input, word * n, next, n);
        }
        activation.applyAll(next, n);
    }

    @Override
    public BpttWindow newWindow(int bptt, int block) {
        return new Window(bptt, block, 0);
    }

    /**
     * Buffers the recurrent matrix's updates for {@link #DEFERRED_BLOCKS} blocks: every block
     * writes all of W, so threads writing it at once keep stealing its cache lines from each other
     * (measured on 2 threads, sigmoid H=200: +15% words/s, validation PPL unchanged).
     */
    @Override
    public BpttWindow newParallelWindow(int bptt, int block) {
        return newWindow(bptt, block, DEFERRED_BLOCKS);
    }

    @Override
    public boolean toleratesDeferredUpdates() {
        return true;
    }

    /** A window that applies the recurrent updates every {@code deferredBlocks} blocks (0: at once, in place). */
    BpttWindow newWindow(int bptt, int block, int deferredBlocks) {
        return new Window(bptt, block, deferredBlocks);
    }

    /** BPTT blocks a parallel window sums the recurrent matrix's updates over before applying them. */
    static final int DEFERRED_BLOCKS = 4;

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
        /** Row t: the error of the t-th newest unrolled step, and the state that step read. */
        private final float[] errorRows;
        private final float[] inputRows;
        private long steps;
        /** Parallel windows: the recurrent updates not yet applied, their L2 factor, and how many blocks. */
        private final float[] pending;
        private float pendingKeep = 1f;
        private int pendingBlocks;

        private final int deferredBlocks;

        Window(int bptt, int block, int deferredBlocks) {
            this.deferredBlocks = deferredBlocks;
            this.pending = deferredBlocks > 0 ? new float[size * size] : null;
            this.unroll = bptt + block - 1;
            this.capacity = bptt + block;
            this.inputs = new int[capacity];
            this.states = new float[capacity + 1][size];
            this.errors = new float[capacity][size];
            this.e = new float[capacity + 1][size];
            this.errorRows = new float[capacity * size];
            this.inputRows = new float[capacity * size];
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
                activation.errors(carried, dh, h, clip, es, n);
                Arrays.fill(dh, 0);
                // the block's error and input vectors side by side, for one matrix update below
                System.arraycopy(es, 0, errorRows, used * n, n);
                System.arraycopy(states[(int) ((s - 1) % (capacity + 1))], 0, inputRows, used * n, n);
                int word = inputs[(int) (s % capacity)];
                if (word >= 0) {
                    Blas.scaleAdd(u, word * n, keep, alpha, es, n);
                }
                used++;
                if (s > oldest) {
                    // error into the previous step: W^T e, with the weights before this block's update
                    carried = e[used];
                    Arrays.fill(carried, 0);
                    Blas.transposedMatVecAdd(w, n, n, es, carried);
                }
            }
            // W = W keep + alpha sum_s e_s (x) h_{s-1}: one matrix product, each weight read once.
            for (int i = 0, m = used * n; i < m; i++) {
                errorRows[i] *= alpha;
            }
            if (pending == null) {
                Blas.gemmUpdate(w, n, n, keep, errorRows, inputRows, used);
            } else {
                Blas.gemmUpdate(pending, n, n, 1f, errorRows, inputRows, used);
                pendingKeep *= keep;
                if (++pendingBlocks == deferredBlocks) {
                    flush();
                }
            }
        }

        @Override
        public void flush() {
            if (pending != null && pendingBlocks > 0) {
                Blas.scaleAdd(recurrent, 0, pendingKeep, 1f, pending, pending.length);
                Arrays.fill(pending, 0);
                pendingKeep = 1f;
                pendingBlocks = 0;
            }
        }
    }
}
