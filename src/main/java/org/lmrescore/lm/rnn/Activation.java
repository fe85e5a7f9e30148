package org.lmrescore.lm.rnn;

/**
 * The squashing function of an Elman layer, h = f(a). The derivative is expressed through the
 * output h = f(a), which is what the BPTT window keeps, so no pre-activation has to be stored.
 */
enum Activation {
    /** Mikolov's RNNLM: 1 / (1 + e^-a), clamped like rnnlm. */
    SIGMOID("sigmoid") {
        @Override
        float apply(float a) {
            return Blas.sigmoid(a);
        }

        @Override
        float slope(float h) {
            return h * (1 - h);
        }
    },
    TANH("tanh") {
        @Override
        float apply(float a) {
            return (float) Math.tanh(a);
        }

        @Override
        float slope(float h) {
            return 1 - h * h;
        }
    },
    /**
     * Rectified linear, truncated at {@link #RELU_CAP} as faster-rnnlm's relu-trunc: an unbounded
     * ReLU with a recurrent matrix near the identity can grow without limit on a long stream.
     */
    RELU("relu") {
        @Override
        float apply(float a) {
            return a <= 0 ? 0 : Math.min(a, RELU_CAP);
        }

        @Override
        float slope(float h) {
            return h > 0 && h < RELU_CAP ? 1 : 0;
        }
    };

    static final float RELU_CAP = 20f;

    private final String cellName;

    Activation(String cellName) {
        this.cellName = cellName;
    }

    /** f(a). */
    abstract float apply(float a);

    /** f'(a) given h = f(a). */
    abstract float slope(float h);

    /** The hidden-layer type name of an Elman layer with this activation. */
    String cellName() {
        return cellName;
    }
}
