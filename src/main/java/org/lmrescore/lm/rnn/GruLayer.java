package org.lmrescore.lm.rnn;

import java.util.Random;

/**
 * Gated recurrent unit (Cho et al. 2014):
 * <pre>
 *   z = sigmoid(Uz[w] + Wz h)          update gate
 *   r = sigmoid(Ur[w] + Wr h)          reset gate
 *   c = tanh(Uc[w] + Wc (r * h))       candidate
 *   h' = (1 - z) * h + z * c
 * </pre>
 * Gate blocks in weight order z, r, c. Activations kept per step: z, r, c.
 */
final class GruLayer extends GatedLayer {

    GruLayer(int units, int size, int below) {
        super(units, size, 3, below);
    }

    static GruLayer random(int units, int size, Random random) {
        GruLayer layer = new GruLayer(units, size, 0);
        layer.randomise(random);
        return layer;
    }

    @Override
    public String type() {
        return "gru";
    }

    @Override
    public int stateSize() {
        return size;
    }

    @Override
    int activationSize() {
        return 3 * size;
    }

    @Override
    int scratchSize() {
        return 2 * size;  // r * h, then the error on it
    }

    @Override
    void forward(int word, float[] x, float[] h, float[] next, float[] act, float[] scratch) {
        int n = size;
        preActivations(word, x, 0, 2 * n, h, act, 0);
        Blas.sigmoid(act, 0, 2 * n);
        float[] rh = scratch;
        for (int j = 0; j < n; j++) {
            rh[j] = act[n + j] * h[j];
        }
        preActivations(word, x, 2 * n, n, rh, act, 2 * n);
        Blas.tanh(act, 2 * n, n);
        for (int j = 0; j < n; j++) {
            float c = act[2 * n + j];
            float z = act[j];
            next[j] = (1 - z) * h[j] + z * c;
        }
    }

    @Override
    void backward(float[] h, float[] act, float[] dState, float[] dPrev, float[] pre, float[] grad, float[] scratch) {
        int n = size;
        float[] rh = scratch;
        for (int j = 0; j < n; j++) {
            float z = act[j];
            float c = act[2 * n + j];
            float d = dState[j];
            pre[j] = d * (c - h[j]) * z * (1 - z);
            pre[2 * n + j] = d * z * (1 - c * c);
            dPrev[j] += d * (1 - z);
            rh[j] = act[n + j] * h[j];
        }
        // error on r * h through the candidate's recurrent rows
        java.util.Arrays.fill(scratch, n, 2 * n, 0f);
        transposeTimes(2 * n, n, pre, 2 * n, scratch, n);
        for (int j = 0; j < n; j++) {
            float r = act[n + j];
            float eRh = scratch[n + j];
            pre[n + j] = eRh * h[j] * r * (1 - r);
            dPrev[j] += eRh * r;
        }
        transposeTimes(0, 2 * n, pre, 0, dPrev, 0);
        outer(0, 2 * n, pre, 0, h, grad);
        outer(2 * n, n, pre, 2 * n, rh, grad);
    }
}
