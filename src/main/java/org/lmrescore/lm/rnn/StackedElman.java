package org.lmrescore.lm.rnn;

/**
 * An Elman layer above another layer: h' = f(V x + W h), x the lower layer's output. It is the
 * one-gate case of {@link GatedLayer}, which already handles dense inputs; the bottom Elman layer
 * of a stack stays the fast one-hot {@link ElmanLayer}.
 */
final class StackedElman extends GatedLayer {
    private final Activation activation;

    StackedElman(Activation activation, int size, int below) {
        super(0, size, 1, below);
        this.activation = activation;
    }

    @Override
    public String type() {
        return activation.cellName();
    }

    @Override
    public int stateSize() {
        return size;
    }

    @Override
    int activationSize() {
        return size;  // the output, whose slope the backward step needs
    }

    @Override
    int scratchSize() {
        return 0;
    }

    @Override
    void forward(int word, float[] x, float[] h, float[] next, float[] act, float[] scratch) {
        preActivations(word, x, 0, size, h, next, 0);
        for (int j = 0; j < size; j++) {
            next[j] = activation.apply(next[j]);
            act[j] = next[j];
        }
    }

    @Override
    void backward(float[] h, float[] act, float[] dState, float[] dPrev, float[] pre, float[] grad, float[] scratch) {
        for (int j = 0; j < size; j++) {
            pre[j] = dState[j] * activation.slope(act[j]);
        }
        transposeTimes(0, size, pre, 0, dPrev, 0);
        outer(0, size, pre, 0, h, grad);
    }
}
