package org.lmrescore.lm.rnn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Blas}'s loops written with the JDK's Vector API (SIMD registers of the machine's
 * preferred width, fused multiply-add). Loaded only when the {@code jdk.incubator.vector} module
 * is present; {@link Blas} says which implementation runs. Each method has the contract of the
 * {@link Blas} method of the same name; a tail shorter than one vector goes through scalar code.
 */
final class VectorKernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Butterfly shuffles (lane i <-> i ^ step) for {@link #sum}. */
    private static final VectorShuffle<Float>[] BUTTERFLY = butterflies();

    @SuppressWarnings("unchecked")
    private static VectorShuffle<Float>[] butterflies() {
        int steps = Integer.numberOfTrailingZeros(L);
        VectorShuffle<Float>[] b = new VectorShuffle[steps];
        for (int k = 0; k < steps; k++) {
            int step = L >> (k + 1);
            b[k] = VectorShuffle.fromOp(S, i -> i ^ step);
        }
        return b;
    }

    /**
     * The sum of the lanes in one fixed order. {@code reduceLanes(ADD)} leaves the order open, and
     * the JIT's order differs from the interpreter's, so a float result would depend on when a
     * method got compiled: training resumed from a checkpoint would not repeat the run bit for bit.
     */
    private static float sum(FloatVector v) {
        for (VectorShuffle<Float> b : BUTTERFLY) {
            v = v.add(v.rearrange(b));
        }
        return v.lane(0);
    }

    private VectorKernels() {
    }

    /** The register width the kernels use. */
    static int bits() {
        return S.vectorBitSize();
    }

    static int lanes() {
        return L;
    }

    static void panelProduct(float[] p, int off, int n, float[] h, float[] z, int row) {
        int o1 = off + n * L;
        FloatVector a0 = FloatVector.zero(S);
        FloatVector a1 = FloatVector.zero(S);
        for (int k = 0; k < n; k++) {
            FloatVector x = FloatVector.broadcast(S, h[k]);
            a0 = FloatVector.fromArray(S, p, off + k * L).fma(x, a0);
            a1 = FloatVector.fromArray(S, p, o1 + k * L).fma(x, a1);
        }
        a0.intoArray(z, row);
        a1.intoArray(z, row + L);
    }

    /** Twelve accumulators, two panel columns and a broadcast: fifteen of AVX2's sixteen registers. */
    static void panelProducts6(float[] p, int off, int n, float[] hs, int hOff, float[][] z, int b, int row) {
        int o1 = off + n * L;
        FloatVector a0 = FloatVector.zero(S);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        FloatVector a4 = a0;
        FloatVector a5 = a0;
        FloatVector c0 = a0;
        FloatVector c1 = a0;
        FloatVector c2 = a0;
        FloatVector c3 = a0;
        FloatVector c4 = a0;
        FloatVector c5 = a0;
        for (int k = 0; k < n; k++) {
            FloatVector w0 = FloatVector.fromArray(S, p, off + k * L);
            FloatVector w1 = FloatVector.fromArray(S, p, o1 + k * L);
            int q = hOff + 6 * k;
            FloatVector x = FloatVector.broadcast(S, hs[q]);
            a0 = w0.fma(x, a0);
            c0 = w1.fma(x, c0);
            x = FloatVector.broadcast(S, hs[q + 1]);
            a1 = w0.fma(x, a1);
            c1 = w1.fma(x, c1);
            x = FloatVector.broadcast(S, hs[q + 2]);
            a2 = w0.fma(x, a2);
            c2 = w1.fma(x, c2);
            x = FloatVector.broadcast(S, hs[q + 3]);
            a3 = w0.fma(x, a3);
            c3 = w1.fma(x, c3);
            x = FloatVector.broadcast(S, hs[q + 4]);
            a4 = w0.fma(x, a4);
            c4 = w1.fma(x, c4);
            x = FloatVector.broadcast(S, hs[q + 5]);
            a5 = w0.fma(x, a5);
            c5 = w1.fma(x, c5);
        }
        a0.intoArray(z[b], row);
        c0.intoArray(z[b], row + L);
        a1.intoArray(z[b + 1], row);
        c1.intoArray(z[b + 1], row + L);
        a2.intoArray(z[b + 2], row);
        c2.intoArray(z[b + 2], row + L);
        a3.intoArray(z[b + 3], row);
        c3.intoArray(z[b + 3], row + L);
        a4.intoArray(z[b + 4], row);
        c4.intoArray(z[b + 4], row + L);
        a5.intoArray(z[b + 5], row);
        c5.intoArray(z[b + 5], row + L);
    }

    static float dot(float[] a, int aOff, float[] b, int n) {
        FloatVector s0 = FloatVector.zero(S);
        FloatVector s1 = FloatVector.zero(S);
        int i = 0;
        int bound = n - 2 * L;
        for (; i <= bound; i += 2 * L) {
            s0 = FloatVector.fromArray(S, a, aOff + i).fma(FloatVector.fromArray(S, b, i), s0);
            s1 = FloatVector.fromArray(S, a, aOff + i + L).fma(FloatVector.fromArray(S, b, i + L), s1);
        }
        for (; i <= n - L; i += L) {
            s0 = FloatVector.fromArray(S, a, aOff + i).fma(FloatVector.fromArray(S, b, i), s0);
        }
        float sum = sum(s0.add(s1));
        for (; i < n; i++) {
            sum += a[aOff + i] * b[i];
        }
        return sum;
    }

    static double logSumExp(float[] z, int n) {
        FloatVector mv = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        int i = 0;
        for (; i <= n - L; i += L) {
            mv = mv.max(FloatVector.fromArray(S, z, i));
        }
        float max = mv.reduceLanes(VectorOperators.MAX);  // exact in any order
        for (; i < n; i++) {
            max = Math.max(max, z[i]);
        }
        // float lanes summed over chunks of 32 vectors (values <= 1), chunks summed in double
        FloatVector shift = FloatVector.broadcast(S, max);
        FloatVector acc = FloatVector.zero(S);
        double sum = 0;
        int chunk = 0;
        i = 0;
        for (; i <= n - L; i += L) {
            acc = acc.add(exp(FloatVector.fromArray(S, z, i).sub(shift)));
            if (++chunk == 32) {
                sum += sum(acc);
                acc = FloatVector.zero(S);
                chunk = 0;
            }
        }
        sum += sum(acc);
        for (; i < n; i++) {
            sum += Math.exp(z[i] - max);
        }
        return max + Math.log(sum);
    }

    static void matVec(float[] m, int off, int rows, int n, float[] x, float[] y, int yOff) {
        int j = 0;
        for (; j + 3 < rows; j += 4) {
            int o0 = off + j * n;
            int o1 = o0 + n;
            int o2 = o1 + n;
            int o3 = o2 + n;
            FloatVector s0 = FloatVector.zero(S);
            FloatVector s1 = FloatVector.zero(S);
            FloatVector s2 = FloatVector.zero(S);
            FloatVector s3 = FloatVector.zero(S);
            int i = 0;
            for (; i <= n - L; i += L) {
                FloatVector xv = FloatVector.fromArray(S, x, i);
                s0 = FloatVector.fromArray(S, m, o0 + i).fma(xv, s0);
                s1 = FloatVector.fromArray(S, m, o1 + i).fma(xv, s1);
                s2 = FloatVector.fromArray(S, m, o2 + i).fma(xv, s2);
                s3 = FloatVector.fromArray(S, m, o3 + i).fma(xv, s3);
            }
            float y0 = sum(s0);
            float y1 = sum(s1);
            float y2 = sum(s2);
            float y3 = sum(s3);
            for (; i < n; i++) {
                float xi = x[i];
                y0 += m[o0 + i] * xi;
                y1 += m[o1 + i] * xi;
                y2 += m[o2 + i] * xi;
                y3 += m[o3 + i] * xi;
            }
            y[yOff + j] = y0;
            y[yOff + j + 1] = y1;
            y[yOff + j + 2] = y2;
            y[yOff + j + 3] = y3;
        }
        for (; j < rows; j++) {
            y[yOff + j] = dot(m, off + j * n, x, n);
        }
    }

    static void transposedMatVecAdd(float[] m, int off, int rows, int n, float[] e, int eOff, float[] y, int yOff) {
        int j = 0;
        for (; j + 3 < rows; j += 4) {
            float e0 = e[eOff + j];
            float e1 = e[eOff + j + 1];
            float e2 = e[eOff + j + 2];
            float e3 = e[eOff + j + 3];
            FloatVector a0 = FloatVector.broadcast(S, e0);
            FloatVector a1 = FloatVector.broadcast(S, e1);
            FloatVector a2 = FloatVector.broadcast(S, e2);
            FloatVector a3 = FloatVector.broadcast(S, e3);
            int o0 = off + j * n;
            int o1 = o0 + n;
            int o2 = o1 + n;
            int o3 = o2 + n;
            int i = 0;
            for (; i <= n - L; i += L) {
                FloatVector acc = FloatVector.fromArray(S, y, yOff + i);
                acc = FloatVector.fromArray(S, m, o0 + i).fma(a0, acc);
                acc = FloatVector.fromArray(S, m, o1 + i).fma(a1, acc);
                acc = FloatVector.fromArray(S, m, o2 + i).fma(a2, acc);
                acc = FloatVector.fromArray(S, m, o3 + i).fma(a3, acc);
                acc.intoArray(y, yOff + i);
            }
            for (; i < n; i++) {
                y[yOff + i] += e0 * m[o0 + i] + e1 * m[o1 + i] + e2 * m[o2 + i] + e3 * m[o3 + i];
            }
        }
        for (; j < rows; j++) {
            axpy(e[eOff + j], m, off + j * n, y, yOff, n);
        }
    }

    static void axpy(float a, float[] x, int xOff, float[] y, int yOff, int n) {
        FloatVector av = FloatVector.broadcast(S, a);
        int i = 0;
        for (; i <= n - L; i += L) {
            FloatVector.fromArray(S, x, xOff + i).fma(av, FloatVector.fromArray(S, y, yOff + i)).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] += a * x[xOff + i];
        }
    }

    static void backpropAndUpdate(float e, float ae, float keep, float[] m, int off, float[] h, float[] dh, int n) {
        FloatVector ev = FloatVector.broadcast(S, e);
        FloatVector aev = FloatVector.broadcast(S, ae);
        FloatVector kv = FloatVector.broadcast(S, keep);
        int i = 0;
        for (; i <= n - L; i += L) {
            FloatVector w = FloatVector.fromArray(S, m, off + i);
            w.fma(ev, FloatVector.fromArray(S, dh, i)).intoArray(dh, i);
            FloatVector.fromArray(S, h, i).fma(aev, w.mul(kv)).intoArray(m, off + i);
        }
        for (; i < n; i++) {
            float w = m[off + i];
            dh[i] += e * w;
            m[off + i] = w * keep + ae * h[i];
        }
    }

    static void backpropAndUpdate4(float[] e, int ei, float alpha, float keep, float[] m, int off, float[] h, float[] dh, int n) {
        float e0 = e[ei];
        float e1 = e[ei + 1];
        float e2 = e[ei + 2];
        float e3 = e[ei + 3];
        FloatVector v0 = FloatVector.broadcast(S, e0);
        FloatVector v1 = FloatVector.broadcast(S, e1);
        FloatVector v2 = FloatVector.broadcast(S, e2);
        FloatVector v3 = FloatVector.broadcast(S, e3);
        FloatVector a0 = FloatVector.broadcast(S, alpha * e0);
        FloatVector a1 = FloatVector.broadcast(S, alpha * e1);
        FloatVector a2 = FloatVector.broadcast(S, alpha * e2);
        FloatVector a3 = FloatVector.broadcast(S, alpha * e3);
        FloatVector kv = FloatVector.broadcast(S, keep);
        int o1 = off + n;
        int o2 = o1 + n;
        int o3 = o2 + n;
        int i = 0;
        for (; i <= n - L; i += L) {
            FloatVector w0 = FloatVector.fromArray(S, m, off + i);
            FloatVector w1 = FloatVector.fromArray(S, m, o1 + i);
            FloatVector w2 = FloatVector.fromArray(S, m, o2 + i);
            FloatVector w3 = FloatVector.fromArray(S, m, o3 + i);
            FloatVector hv = FloatVector.fromArray(S, h, i);
            FloatVector d = FloatVector.fromArray(S, dh, i);
            d = w0.fma(v0, d);
            d = w1.fma(v1, d);
            d = w2.fma(v2, d);
            d = w3.fma(v3, d);
            d.intoArray(dh, i);
            hv.fma(a0, w0.mul(kv)).intoArray(m, off + i);
            hv.fma(a1, w1.mul(kv)).intoArray(m, o1 + i);
            hv.fma(a2, w2.mul(kv)).intoArray(m, o2 + i);
            hv.fma(a3, w3.mul(kv)).intoArray(m, o3 + i);
        }
        Blas.backpropAndUpdate4(e, ei, alpha, keep, m, off, h, dh, i, n);
    }

    static void sigmoid(float[] a, int off, int n) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector lo = FloatVector.broadcast(S, -50f);
        FloatVector hi = FloatVector.broadcast(S, 50f);
        int i = 0;
        for (; i <= n - L; i += L) {
            FloatVector x = FloatVector.fromArray(S, a, off + i).max(lo).min(hi);
            one.div(exp(x.neg()).add(one)).intoArray(a, off + i);
        }
        for (; i < n; i++) {
            a[off + i] = Blas.sigmoid(a[off + i]);
        }
    }

    /**
     * e^x for x in [-87, 88], to about 2 ulp: 2^k e^r with k = round(x / ln 2), r = x - k ln 2 (ln 2
     * in two parts) and a degree-6 polynomial for e^r. Written with plain lane-wise arithmetic, not
     * {@code lanewise(EXP)}: that one's compiled (SVML) and interpreted results differ in the last
     * bit, which would make training depend on when the JIT compiled it.
     */
    private static final FloatVector EXP_LO = FloatVector.broadcast(S, -87f);
    private static final FloatVector EXP_HI = FloatVector.broadcast(S, 88f);

    private static FloatVector exp(FloatVector x) {
        FloatVector c = x.max(EXP_LO).min(EXP_HI);
        // round to nearest by the 1.5 * 2^23 trick (exact for |v| < 2^22)
        FloatVector k = c.mul(1.44269504f).add(12582912f).sub(12582912f);
        FloatVector r = k.fma(FloatVector.broadcast(S, -0.693359375f), c).add(k.mul(2.12194440e-4f));
        FloatVector p = r.fma(FloatVector.broadcast(S, 1.3888889e-3f), FloatVector.broadcast(S, 8.3333338e-3f));
        p = p.fma(r, FloatVector.broadcast(S, 4.1666668e-2f));
        p = p.fma(r, FloatVector.broadcast(S, 1.6666667e-1f));
        p = p.fma(r, FloatVector.broadcast(S, 0.5f));
        p = p.fma(r, FloatVector.broadcast(S, 1f));
        p = p.fma(r, FloatVector.broadcast(S, 1f));
        // 2^k: k + 127 + 2^23 holds k + 127 in its low mantissa bits; shifting by 23 moves them into
        // the exponent and the rest out of the word
        IntVector bits = k.add(8388735f).reinterpretAsInts().lanewise(VectorOperators.LSHL, 23);
        return p.mul(bits.reinterpretAsFloats());
    }

    static void gemmUpdate(float[] w, int rows, int n, float keep, float[] e, float[] p, int k) {
        FloatVector kv = FloatVector.broadcast(S, keep);
        int j = 0;
        // 4 rows x 2 vectors of columns in 8 registers, over all k terms: W is read and written once.
        for (; j + 3 < rows; j += 4) {
            int o0 = j * n;
            int o1 = o0 + n;
            int o2 = o1 + n;
            int o3 = o2 + n;
            int i = 0;
            for (; i <= n - 2 * L; i += 2 * L) {
                FloatVector a00 = FloatVector.fromArray(S, w, o0 + i).mul(kv);
                FloatVector a01 = FloatVector.fromArray(S, w, o0 + i + L).mul(kv);
                FloatVector a10 = FloatVector.fromArray(S, w, o1 + i).mul(kv);
                FloatVector a11 = FloatVector.fromArray(S, w, o1 + i + L).mul(kv);
                FloatVector a20 = FloatVector.fromArray(S, w, o2 + i).mul(kv);
                FloatVector a21 = FloatVector.fromArray(S, w, o2 + i + L).mul(kv);
                FloatVector a30 = FloatVector.fromArray(S, w, o3 + i).mul(kv);
                FloatVector a31 = FloatVector.fromArray(S, w, o3 + i + L).mul(kv);
                for (int t = 0; t < k; t++) {
                    int pt = t * n + i;
                    int et = t * rows + j;
                    FloatVector p0 = FloatVector.fromArray(S, p, pt);
                    FloatVector p1 = FloatVector.fromArray(S, p, pt + L);
                    FloatVector c0 = FloatVector.broadcast(S, e[et]);
                    FloatVector c1 = FloatVector.broadcast(S, e[et + 1]);
                    FloatVector c2 = FloatVector.broadcast(S, e[et + 2]);
                    FloatVector c3 = FloatVector.broadcast(S, e[et + 3]);
                    a00 = p0.fma(c0, a00);
                    a01 = p1.fma(c0, a01);
                    a10 = p0.fma(c1, a10);
                    a11 = p1.fma(c1, a11);
                    a20 = p0.fma(c2, a20);
                    a21 = p1.fma(c2, a21);
                    a30 = p0.fma(c3, a30);
                    a31 = p1.fma(c3, a31);
                }
                a00.intoArray(w, o0 + i);
                a01.intoArray(w, o0 + i + L);
                a10.intoArray(w, o1 + i);
                a11.intoArray(w, o1 + i + L);
                a20.intoArray(w, o2 + i);
                a21.intoArray(w, o2 + i + L);
                a30.intoArray(w, o3 + i);
                a31.intoArray(w, o3 + i + L);
            }
            for (int r = 0; r < 4; r++) {
                gemmRowTail(w, j + r, rows, n, i, keep, e, p, k);
            }
        }
        for (; j < rows; j++) {
            gemmRowTail(w, j, rows, n, 0, keep, e, p, k);
        }
    }

    /** Columns [from, n) of row j of {@link #gemmUpdate}, one vector then scalars at a time. */
    private static void gemmRowTail(float[] w, int j, int rows, int n, int from, float keep, float[] e, float[] p, int k) {
        int o = j * n;
        int i = from;
        FloatVector kv = FloatVector.broadcast(S, keep);
        for (; i <= n - L; i += L) {
            FloatVector a = FloatVector.fromArray(S, w, o + i).mul(kv);
            for (int t = 0; t < k; t++) {
                a = FloatVector.fromArray(S, p, t * n + i).fma(FloatVector.broadcast(S, e[t * rows + j]), a);
            }
            a.intoArray(w, o + i);
        }
        for (; i < n; i++) {
            float a = w[o + i] * keep;
            for (int t = 0; t < k; t++) {
                a += e[t * rows + j] * p[t * n + i];
            }
            w[o + i] = a;
        }
    }

    static void sigmoidErrors(float[] carried, float[] dh, float[] h, float clip, float[] out, int n) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector hi = FloatVector.broadcast(S, clip);
        FloatVector lo = FloatVector.broadcast(S, -clip);
        int i = 0;
        for (; i <= n - L; i += L) {
            FloatVector v = FloatVector.fromArray(S, carried, i).add(FloatVector.fromArray(S, dh, i)).max(lo).min(hi);
            FloatVector hv = FloatVector.fromArray(S, h, i);
            v.mul(hv.mul(one.sub(hv))).intoArray(out, i);
        }
        for (; i < n; i++) {
            float v = Math.max(-clip, Math.min(clip, carried[i] + dh[i]));
            out[i] = v * h[i] * (1 - h[i]);
        }
    }

    static void scaleAdd(float[] y, int off, float keep, float a, float[] x, int n) {
        FloatVector kv = FloatVector.broadcast(S, keep);
        FloatVector av = FloatVector.broadcast(S, a);
        int i = 0;
        for (; i <= n - L; i += L) {
            FloatVector.fromArray(S, x, i).fma(av, FloatVector.fromArray(S, y, off + i).mul(kv)).intoArray(y, off + i);
        }
        for (; i < n; i++) {
            y[off + i] = y[off + i] * keep + a * x[i];
        }
    }

    static void tanh(float[] a, int off, int n) {
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector two = FloatVector.broadcast(S, 2f);
        int i = 0;
        for (; i <= n - L; i += L) {
            // tanh x = 1 - 2 / (e^2x + 1), saturated beyond |x| = 9 where it is 1 in float
            FloatVector x = FloatVector.fromArray(S, a, off + i).max(-9f).min(9f);
            one.sub(two.div(exp(x.mul(2f)).add(one))).intoArray(a, off + i);
        }
        for (; i < n; i++) {
            a[off + i] = (float) Math.tanh(a[off + i]);
        }
    }
}
