package org.lmrescore.lm.rnn;

import java.util.Random;

/**
 * Long short-term memory without peepholes (Hochreiter and Schmidhuber 1997, with the forget gate):
 * <pre>
 *   i = sigmoid(Ui[w] + Wi h),  f = sigmoid(Uf[w] + Wf h),  o = sigmoid(Uo[w] + Wo h)
 *   g = tanh(Ug[w] + Wg h)
 *   c' = f * c + i * g,   h' = o * tanh(c')
 * </pre>
 * The state carried between words is [h, c] (2H floats); the output layer sees h. Gate blocks in
 * weight order i, f, o, g. The forget rows start at +1 so the cell remembers from the outset
 * (Jozefowicz et al. 2015). Activations kept per step: i, f, o, g, tanh(c').
 */
final class LstmLayer extends GatedLayer {
    static final float FORGET_START = 1f;

    LstmLayer(int units, int size, int below) {
        super(units, size, 4, below);
    }

    static LstmLayer random(int units, int size, Random random) {
        LstmLayer layer = new LstmLayer(units, size, 0);
        layer.randomise(random);
        int width = 4 * size;
        for (int u = 0; u < units; u++) {
            for (int j = 0; j < size; j++) {
                layer.input[u * width + size + j] += FORGET_START;
            }
        }
        return layer;
    }

    @Override
    public String type() {
        return "lstm";
    }

    @Override
    public int stateSize() {
        return 2 * size;
    }

    @Override
    int activationSize() {
        return 5 * size;
    }

    @Override
    int scratchSize() {
        return 0;
    }

    @Override
    void forward(int word, float[] x, float[] state, float[] next, float[] act, float[] scratch) {
        int n = size;
        preActivations(word, x, 0, 4 * n, state, act, 0);
        Blas.sigmoid(act, 0, 3 * n);
        Blas.tanh(act, 3 * n, n);
        for (int j = 0; j < n; j++) {
            float c = act[n + j] * state[n + j] + act[j] * act[3 * n + j];
            act[4 * n + j] = c;
            next[n + j] = c;
        }
        Blas.tanh(act, 4 * n, n);
        for (int j = 0; j < n; j++) {
            next[j] = act[2 * n + j] * act[4 * n + j];
        }
    }

    @Override
    void backward(float[] state, float[] act, float[] dState, float[] dPrev, float[] pre, float[] grad, float[] scratch) {
        int n = size;
        for (int j = 0; j < n; j++) {
            float i = act[j];
            float f = act[n + j];
            float o = act[2 * n + j];
            float g = act[3 * n + j];
            float tc = act[4 * n + j];
            float dh = dState[j];
            float dc = dState[n + j] + dh * o * (1 - tc * tc);
            pre[j] = dc * g * i * (1 - i);
            pre[n + j] = dc * state[n + j] * f * (1 - f);
            pre[2 * n + j] = dh * tc * o * (1 - o);
            pre[3 * n + j] = dc * i * (1 - g * g);
            dPrev[n + j] = dc * f;
        }
        transposeTimes(0, 4 * n, pre, 0, dPrev, 0);
        outer(0, 4 * n, pre, 0, state, grad);
    }
}
