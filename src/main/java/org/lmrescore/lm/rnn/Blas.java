package org.lmrescore.lm.rnn;

/**
 * The vector loops of the networks, in one place. Two implementations of each: the JDK's
 * Vector API ({@link VectorKernels}: SIMD with fused multiply-add, 1.5-3x faster here, see
 * {@code eval/rnn-matvec.sh}) when the {@code jdk.incubator.vector} module is present (the
 * launchers add it), else plain loops written so HotSpot compiles them well (axpy-style loops
 * are auto-vectorised; dot products use eight partial sums, as a float sum is never vectorised).
 * {@code -Dlmrescore.kernels=scalar} forces the plain loops (benchmarks, comparisons).
 *
 * <p>The two may differ in the last bits of a float (FMA rounds once), never more.
 */
final class Blas {
    /** Whether the Vector API kernels run; a constant, so the JIT drops the other branch. */
    static final boolean VECTOR = vectorModule() && !"scalar".equals(System.getProperty("lmrescore.kernels"));

    private Blas() {
    }

    private static boolean vectorModule() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /** Which kernels run, for logs: "vector (256-bit)" or "scalar". */
    static String kernels() {
        return VECTOR ? "vector (" + VectorKernels.bits() + "-bit)" : "scalar";
    }

    /** Sum of a[aOff + i] * b[i], i < n. */
    static float dot(float[] a, int aOff, float[] b, int n) {
        if (VECTOR) {
            return VectorKernels.dot(a, aOff, b, n);
        }
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

    /** ln of the sum of e^z[i], i < n, shifted by the maximum so nothing overflows (softmax normalisers). */
    static double logSumExp(float[] z, int n) {
        if (VECTOR) {
            return VectorKernels.logSumExp(z, n);
        }
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, z[i]);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Math.exp(z[i] - max);
        }
        return max + Math.log(sum);
    }

    /** y[j] = m[off + j n .. + n) . x for j < rows: a row-major matrix times a vector. */
    static void matVec(float[] m, int off, int rows, int n, float[] x, float[] y) {
        matVec(m, off, rows, n, x, y, 0);
    }

    /** {@link #matVec} into y[yOff + j]. */
    static void matVec(float[] m, int off, int rows, int n, float[] x, float[] y, int yOff) {
        if (VECTOR) {
            VectorKernels.matVec(m, off, rows, n, x, y, yOff);
            return;
        }
        for (int j = 0; j < rows; j++) {
            y[yOff + j] = dot(m, off + j * n, x, n);
        }
    }

    /** Rows per panel of {@link OutputPanels}: one register of floats for the vector kernels. */
    static final int PANEL = VECTOR ? VectorKernels.lanes() : 8;

    /**
     * The dot product of {@link OutputPanels}, for one row of a row-major matrix: one chain,
     * acc = fma(a[aOff + k], h[k], acc) for k = 0 .. n-1 (without FMA in the plain kernels, as
     * theirs), so it equals the panels' product of that row bit for bit.
     */
    static float chainDot(float[] a, int aOff, float[] h, int n) {
        float acc = 0;
        if (VECTOR) {
            for (int k = 0; k < n; k++) {
                acc = Math.fma(a[aOff + k], h[k], acc);
            }
        } else {
            for (int k = 0; k < n; k++) {
                acc += a[aOff + k] * h[k];
            }
        }
        return acc;
    }

    /**
     * One pair of panels (2 {@link #PANEL} rows, column-major from p[off], n columns) times h:
     * z[row + i] for the pair's rows i, each the chain of {@link #chainDot}.
     */
    static void panelProduct(float[] p, int off, int n, float[] h, float[] z, int row) {
        if (VECTOR) {
            VectorKernels.panelProduct(p, off, n, h, z, row);
            return;
        }
        int w = 2 * PANEL;
        for (int i = 0; i < w; i++) {
            int panel = off + (i / PANEL) * PANEL * n + i % PANEL;
            float acc = 0;
            for (int k = 0; k < n; k++) {
                acc += p[panel + k * PANEL] * h[k];
            }
            z[row + i] = acc;
        }
    }

    /**
     * {@link #panelProduct} of six states at once, packed column by column from hs[hOff]
     * (state s's value k at hOff + 6k + s), into z[b + s][row ..]; each result the same chain.
     */
    static void panelProducts6(float[] p, int off, int n, float[] hs, int hOff, float[][] z, int b, int row) {
        if (VECTOR) {
            VectorKernels.panelProducts6(p, off, n, hs, hOff, z, b, row);
            return;
        }
        int w = 2 * PANEL;
        for (int s = 0; s < 6; s++) {
            float[] out = z[b + s];
            for (int i = 0; i < w; i++) {
                int panel = off + (i / PANEL) * PANEL * n + i % PANEL;
                float acc = 0;
                for (int k = 0; k < n; k++) {
                    acc += p[panel + k * PANEL] * hs[hOff + 6 * k + s];
                }
                out[row + i] = acc;
            }
        }
    }

    /** y[i] += sum over j < rows of e[j] m[j n + i], i < n: the transposed matrix times e, added to y. */
    static void transposedMatVecAdd(float[] m, int rows, int n, float[] e, float[] y) {
        transposedMatVecAdd(m, 0, rows, n, e, 0, y, 0);
    }

    /** {@link #transposedMatVecAdd} of the rows from m[off], with e[eOff + j], into y[yOff + i]. */
    static void transposedMatVecAdd(float[] m, int off, int rows, int n, float[] e, int eOff, float[] y, int yOff) {
        if (VECTOR) {
            VectorKernels.transposedMatVecAdd(m, off, rows, n, e, eOff, y, yOff);
            return;
        }
        for (int j = 0; j < rows; j++) {
            axpy(e[eOff + j], m, off + j * n, y, yOff, n);
        }
    }

    /** y[i] += a * x[xOff + i], i < n. */
    static void axpy(float a, float[] x, int xOff, float[] y, int n) {
        axpy(a, x, xOff, y, 0, n);
    }

    /** y[yOff + i] += a * x[xOff + i], i < n. */
    static void axpy(float a, float[] x, int xOff, float[] y, int yOff, int n) {
        if (VECTOR) {
            VectorKernels.axpy(a, x, xOff, y, yOff, n);
            return;
        }
        for (int i = 0; i < n; i++) {
            y[yOff + i] += a * x[xOff + i];
        }
    }

    /**
     * The fused output-layer step for one row w = m[off..off+n): backpropagate with the old row
     * ({@code dh += e * w}), then update it ({@code w = w * keep + ae * h}).
     */
    static void backpropAndUpdate(float e, float ae, float keep, float[] m, int off, float[] h, float[] dh, int n) {
        if (VECTOR) {
            VectorKernels.backpropAndUpdate(e, ae, keep, m, off, h, dh, n);
            return;
        }
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
        if (VECTOR) {
            VectorKernels.backpropAndUpdate4(e, ei, alpha, keep, m, off, h, dh, n);
            return;
        }
        backpropAndUpdate4(e, ei, alpha, keep, m, off, h, dh, 0, n);
    }

    /** The plain loop of {@link #backpropAndUpdate4} over columns [from, n) (also the vector kernel's tail). */
    static void backpropAndUpdate4(float[] e, int ei, float alpha, float keep, float[] m, int off, float[] h, float[] dh,
                                   int from, int n) {
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
        for (int i = from; i < n; i++) {
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

    /** a[i] = sigmoid(a[i]) for i < n. */
    static void sigmoid(float[] a, int n) {
        sigmoid(a, 0, n);
    }

    /** a[off + i] = sigmoid(a[off + i]) for i < n. */
    static void sigmoid(float[] a, int off, int n) {
        if (VECTOR) {
            VectorKernels.sigmoid(a, off, n);
            return;
        }
        for (int i = off; i < off + n; i++) {
            a[i] = sigmoid(a[i]);
        }
    }

    /** a[off + i] = tanh(a[off + i]) for i < n. */
    static void tanh(float[] a, int off, int n) {
        if (VECTOR) {
            VectorKernels.tanh(a, off, n);
            return;
        }
        for (int i = off; i < off + n; i++) {
            a[i] = (float) Math.tanh(a[i]);
        }
    }

    /**
     * W = W * keep + E^T P, W rows x n: the sum of k outer products e_t (x) p_t, with e_t =
     * e[t rows .. + rows) and p_t = p[t n .. + n) (the recurrent matrix's BPTT update; the
     * register-blocked loops read and write each weight once per block).
     */
    static void gemmUpdate(float[] w, int rows, int n, float keep, float[] e, float[] p, int k) {
        if (VECTOR) {
            VectorKernels.gemmUpdate(w, rows, n, keep, e, p, k);
            return;
        }
        for (int j = 0; j < rows; j++) {
            int o = j * n;
            if (keep != 1f) {
                for (int i = 0; i < n; i++) {
                    w[o + i] *= keep;
                }
            }
            int t = 0;
            for (; t + 3 < k; t += 4) {
                float a0 = e[t * rows + j];
                float a1 = e[(t + 1) * rows + j];
                float a2 = e[(t + 2) * rows + j];
                float a3 = e[(t + 3) * rows + j];
                int p0 = t * n;
                int p1 = p0 + n;
                int p2 = p1 + n;
                int p3 = p2 + n;
                for (int i = 0; i < n; i++) {
                    w[o + i] += a0 * p[p0 + i] + a1 * p[p1 + i] + a2 * p[p2 + i] + a3 * p[p3 + i];
                }
            }
            for (; t < k; t++) {
                float a = e[t * rows + j];
                int pt = t * n;
                for (int i = 0; i < n; i++) {
                    w[o + i] += a * p[pt + i];
                }
            }
        }
    }

    /**
     * The error into a sigmoid layer's pre-activations: out = clip(carried + dh) * h (1 - h),
     * clipped element-wise to [-clip, clip].
     */
    static void sigmoidErrors(float[] carried, float[] dh, float[] h, float clip, float[] out, int n) {
        if (VECTOR) {
            VectorKernels.sigmoidErrors(carried, dh, h, clip, out, n);
            return;
        }
        for (int i = 0; i < n; i++) {
            float v = Math.max(-clip, Math.min(clip, carried[i] + dh[i]));
            out[i] = v * h[i] * (1 - h[i]);
        }
    }

    /** y[off + i] = y[off + i] * keep + a * x[i], i < n. */
    static void scaleAdd(float[] y, int off, float keep, float a, float[] x, int n) {
        if (VECTOR) {
            VectorKernels.scaleAdd(y, off, keep, a, x, n);
            return;
        }
        for (int i = 0; i < n; i++) {
            y[off + i] = y[off + i] * keep + a * x[i];
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
