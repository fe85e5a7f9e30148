package org.lmrescore.lm.rnn;

/**
 * The few vector loops the network needs, written so HotSpot compiles them well: axpy-style
 * loops are auto-vectorised; dot products use eight independent partial sums (a float sum is
 * never vectorised, as that would reorder it, but eight chains keep the FP units busy).
 * Measured on this project's machines at 2x a single-accumulator loop.
 */
final class Blas {
    private Blas() {
    }

    /** Sum of a[aOff + i] * b[i], i < n. */
    static float dot(float[] a, int aOff, float[] b, int n) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int i = 0;
        for (; i + 7 < n; i += 8) {
            int k = aOff + i;
            s0 += a[k] * b[i];
            s1 += a[k + 1] * b[i + 1];
            s2 += a[k + 2] * b[i + 2];
            s3 += a[k + 3] * b[i + 3];
            s4 += a[k + 4] * b[i + 4];
            s5 += a[k + 5] * b[i + 5];
            s6 += a[k + 6] * b[i + 6];
            s7 += a[k + 7] * b[i + 7];
        }
        for (; i < n; i++) {
            s0 += a[aOff + i] * b[i];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    /** y[i] += a * x[xOff + i], i < n. */
    static void axpy(float a, float[] x, int xOff, float[] y, int n) {
        for (int i = 0; i < n; i++) {
            y[i] += a * x[xOff + i];
        }
    }

    /** y[i] += a0 x[off + i] + a1 x[off + n + i] + a2 x[off + 2n + i] + a3 x[off + 3n + i]: four rows, y loaded once. */
    static void axpy4(float a0, float a1, float a2, float a3, float[] x, int off, int n, float[] y) {
        int o1 = off + n;
        int o2 = o1 + n;
        int o3 = o2 + n;
        for (int i = 0; i < n; i++) {
            y[i] += a0 * x[off + i] + a1 * x[o1 + i] + a2 * x[o2 + i] + a3 * x[o3 + i];
        }
    }

    /**
     * The fused output-layer step for one row w = m[off..off+n): backpropagate with the old row
     * ({@code dh += e * w}), then update it ({@code w = w * keep + ae * h}).
     */
    static void backpropAndUpdate(float e, float ae, float keep, float[] m, int off, float[] h, float[] dh, int n) {
        if (keep == 1f) {
            for (int i = 0; i < n; i++) {
                float w = m[off + i];
                dh[i] += e * w;
                m[off + i] = w + ae * h[i];
            }
        } else {
            for (int i = 0; i < n; i++) {
                float w = m[off + i];
                dh[i] += e * w;
                m[off + i] = w * keep + ae * h[i];
            }
        }
    }

    /** {@link #backpropAndUpdate} for four consecutive rows starting at {@code off}, h and dh touched once. */
    static void backpropAndUpdate4(float[] e, int ei, float alpha, float keep, float[] m, int off, float[] h, float[] dh, int n) {
        float e0 = e[ei];
        float e1 = e[ei + 1];
        float e2 = e[ei + 2];
        float e3 = e[ei + 3];
        float a0 = alpha * e0;
        float a1 = alpha * e1;
        float a2 = alpha * e2;
        float a3 = alpha * e3;
        int o1 = off + n;
        int o2 = o1 + n;
        int o3 = o2 + n;
        for (int i = 0; i < n; i++) {
            float w0 = m[off + i];
            float w1 = m[o1 + i];
            float w2 = m[o2 + i];
            float w3 = m[o3 + i];
            float hi = h[i];
            dh[i] += e0 * w0 + e1 * w1 + e2 * w2 + e3 * w3;
            m[off + i] = w0 * keep + a0 * hi;
            m[o1 + i] = w1 * keep + a1 * hi;
            m[o2 + i] = w2 * keep + a2 * hi;
            m[o3 + i] = w3 * keep + a3 * hi;
        }
    }

    /** Logistic sigmoid clamped like rnnlm's (|x| <= 50) so exp never overflows. */
    static float sigmoid(float x) {
        if (x > 50) {
            x = 50;
        } else if (x < -50) {
            x = -50;
        }
        return (float) (1.0 / (1.0 + Math.exp(-x)));
    }
}
