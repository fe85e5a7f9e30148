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
        void applyAll(float[] a, int n) {
            Blas.sigmoid(a, n);
        }

        @Override
        float slope(float h) {
            return h * (1 - h);
        }

        @Override
        void errors(float[] carried, float[] dh, float[] h, float clip, float[] out, int n) {
            Blas.sigmoidErrors(carried, dh, h, clip, out, n);
        }
    },
    TANH("tanh") {
        @Override
        float apply(float a) {
            return (float) Math.tanh(a);
        }

        @Override
        void applyAll(float[] a, int n) {
            Blas.tanh(a, 0, n);
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

    /** a[i] = f(a[i]) for i < n (one vector loop where the kernels have one). */
    void applyAll(float[] a, int n) {
        for (int i = 0; i < n; i++) {
            a[i] = apply(a[i]);
        }
    }

    /** f'(a) given h = f(a). */
    abstract float slope(float h);

    /** out = clip(carried + dh) * f'(a), the error clipped to [-clip, clip] then through the slope. */
    void errors(float[] carried, float[] dh, float[] h, float clip, float[] out, int n) {
        for (int j = 0; j < n; j++) {
            float v = Math.max(-clip, Math.min(clip, carried[j] + dh[j]));
            out[j] = v * slope(h[j]);
        }
    }

    /** The hidden-layer type name of an Elman layer with this activation. */
    String cellName() {
        return cellName;
    }
}
