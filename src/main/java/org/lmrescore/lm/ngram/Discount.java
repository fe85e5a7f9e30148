package org.lmrescore.lm.ngram;

import org.lmrescore.util.InputFormatException;

import java.util.Locale;

/**
 * Modified Kneser-Ney discounts of one order (Chen and Goodman 1998, eq. 26): D1, D2 and D3+ from
 * the counts-of-counts n1..n4 of the order's (adjusted) counts.
 */
final class Discount {
    /** KenLM's {@code --discount_fallback} values. */
    static final Discount FALLBACK = new Discount(0.5, 1.0, 1.5);

    private final double[] d = new double[4];

    Discount(double d1, double d2, double d3) {
        d[1] = d1;
        d[2] = d2;
        d[3] = d3;
    }

    /** Estimates from counts-of-counts {@code n[1..4]}; a bad estimate throws unless {@code fallback}. */
    static Discount estimate(int order, long[] n, boolean fallback) {
        for (int j = 1; j <= 3; j++) {
            if (n[j] == 0) {
                return fail(order, "no " + order + "-grams with adjusted count " + j
                        + ", so the discount for count " + (j + 1) + " cannot be estimated (is the text tiny or artificial?)", fallback);
            }
        }
        double y = n[1] / (n[1] + 2.0 * n[2]);
        double[] v = new double[4];
        for (int j = 1; j <= 3; j++) {
            v[j] = j - (j + 1) * y * n[j + 1] / n[j];
            if (v[j] < 0 || v[j] > j) {
                return fail(order, String.format(Locale.ROOT, "%d-gram discount D%d = %.4f is out of range [0, %d]", order, j, v[j], j), fallback);
            }
        }
        return new Discount(v[1], v[2], v[3]);
    }

    private static Discount fail(int order, String why, boolean fallback) {
        if (fallback) {
            org.lmrescore.util.Log.warn("%s; using the fallback discounts 0.5, 1, 1.5 for %d-grams", why, order);
            return FALLBACK;
        }
        throw new InputFormatException("cannot estimate Kneser-Ney discounts: " + why + " (--discount-fallback uses 0.5, 1, 1.5)");
    }

    /** The amount taken from an n-gram with adjusted count {@code count}. */
    double of(long count) {
        return count <= 0 ? 0 : d[(int) Math.min(count, 3)];
    }

    double d(int j) {
        return d[j];
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "D1=%.6f D2=%.6f D3+=%.6f", d[1], d[2], d[3]);
    }
}
