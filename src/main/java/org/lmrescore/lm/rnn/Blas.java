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
