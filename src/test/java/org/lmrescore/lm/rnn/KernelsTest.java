package org.lmrescore.lm.rnn;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Vector API kernels against the textbook formula, in double, on sizes with and without a
 * tail shorter than one vector (the surefire run adds the module, so these are the vector paths).
 */
class KernelsTest {
    private static final int[] SIZES = {1, 7, 8, 16, 37, 200};
    private final Random random = new Random(11);

    private float[] vector(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    @Test
    void theVectorKernelsRun() {
        assertTrue(Blas.VECTOR, "tests run with --add-modules jdk.incubator.vector: " + Blas.kernels());
    }

    @Test
    void logSumExp() {
        for (int n : new int[] {1, 7, 8, 37, 200, 41_129}) {
            float[] z = vector(n);
            for (int i = 0; i < n; i++) {
                z[i] = 8 * z[i] + 30;  // far from 0 both ways: the shift by the maximum matters
            }
            double max = Double.NEGATIVE_INFINITY;
            for (float v : z) {
                max = Math.max(max, v);
            }
            double sum = 0;
            for (float v : z) {
                sum += Math.exp(v - max);
            }
            assertEquals(max + Math.log(sum), Blas.logSumExp(z, n), 1e-5, "n=" + n);
        }
        assertEquals(Math.log(3) + 100, Blas.logSumExp(new float[] {100, 100, 100, 5}, 3), 1e-5);
    }

    @Test
    void productsAndUpdates() {
        for (int n : SIZES) {
            int rows = n + 3;
            float[] m = vector(rows * n);
            float[] x = vector(n);
            float[] e = vector(rows);
            float[] y = new float[rows];
            Blas.matVec(m, 0, rows, n, x, y);
            for (int j = 0; j < rows; j++) {
                double d = 0;
                for (int i = 0; i < n; i++) {
                    d += (double) m[j * n + i] * x[i];
                }
                assertEquals(d, y[j], 1e-4 * (1 + Math.abs(d)), "matVec n=" + n);
                assertEquals(d, Blas.dot(m, j * n, x, n), 1e-4 * (1 + Math.abs(d)), "dot n=" + n);
            }
            float[] t = vector(n);
            float[] expected = t.clone();
            for (int i = 0; i < n; i++) {
                double d = t[i];
                for (int j = 0; j < rows; j++) {
                    d += (double) e[j] * m[j * n + i];
                }
                expected[i] = (float) d;
            }
            Blas.transposedMatVecAdd(m, rows, n, e, t);
            for (int i = 0; i < n; i++) {
                assertEquals(expected[i], t[i], 1e-4 * (1 + Math.abs(expected[i])), "transposed n=" + n);
            }
            // the rank-k update W = W keep + E^T P
            int k = 5;
            float[] w = m.clone();
            float[] er = vector(k * rows);
            float[] pr = vector(k * n);
            Blas.gemmUpdate(w, rows, n, 0.9f, er, pr, k);
            for (int j = 0; j < rows; j++) {
                for (int i = 0; i < n; i++) {
                    double d = 0.9 * m[j * n + i];
                    for (int s = 0; s < k; s++) {
                        d += (double) er[s * rows + j] * pr[s * n + i];
                    }
                    assertEquals(d, w[j * n + i], 1e-4 * (1 + Math.abs(d)), "gemmUpdate n=" + n);
                }
            }
            // the fused output step, four rows and one
            float[] m4 = m.clone();
            float[] h = vector(n);
            float[] dh = new float[n];
            Blas.backpropAndUpdate4(e, 0, 0.1f, 0.99f, m4, 0, h, dh, n);
            for (int i = 0; i < n; i++) {
                double d = 0;
                for (int r = 0; r < 4 && r < rows; r++) {
                    d += (double) e[r] * m[r * n + i];
                    assertEquals(m[r * n + i] * 0.99 + 0.1 * e[r] * h[i], m4[r * n + i], 1e-5, "update n=" + n);
                }
                assertEquals(d, dh[i], 1e-4, "backprop n=" + n);
            }
        }
    }

    @Test
    void squashingFunctions() {
        for (int n : SIZES) {
            float[] a = vector(n);
            for (int i = 0; i < n; i++) {
                a[i] *= 20;  // well into saturation too
            }
            a[0] = 80;
            float[] s = a.clone();
            float[] t = a.clone();
            Blas.sigmoid(s, n);
            Blas.tanh(t, 0, n);
            for (int i = 0; i < n; i++) {
                double x = Math.max(-50, Math.min(50, a[i]));
                assertEquals(1 / (1 + Math.exp(-x)), s[i], 2e-7, "sigmoid(" + a[i] + ")");
                assertEquals(Math.tanh(a[i]), t[i], 3e-7, "tanh(" + a[i] + ")");
            }
        }
        float[] errors = {3f, -40f, 0.5f, 20f, -0.25f, 1f, 2f, -3f, 9f};
        float[] carried = {1f, 0f, 0.5f, -4f, 0f, 0f, 0f, 0f, 20f};
        float[] h = {0.5f, 0.1f, 0.9f, 0.5f, 0.3f, 0.2f, 0.7f, 0.6f, 0.5f};
        float[] out = new float[9];
        Blas.sigmoidErrors(carried, errors, h, 15f, out, 9);
        for (int i = 0; i < 9; i++) {
            double v = Math.max(-15, Math.min(15, carried[i] + errors[i]));
            assertEquals(v * h[i] * (1 - h[i]), out[i], 1e-6, "error " + i);
        }
    }
}
