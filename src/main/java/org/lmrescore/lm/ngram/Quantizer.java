package org.lmrescore.lm.ngram;

import java.util.Arrays;

/**
 * Quantisation of one order's log10 probabilities or backoffs to {@code 2^bits} values, KenLM's
 * {@code build_binary -q/-b} idea: the sorted values are cut into equal-population bins, each
 * stored as its mean, and a value is coded as the bin whose centre is nearest. A backoff of
 * exactly 0 (an n-gram that is no context, or a blank) keeps a bin of its own, so backing off
 * through it stays exact.
 */
final class Quantizer {
    /** Bin centres, ascending. */
    final float[] centres;
    private final float[] bounds;

    Quantizer(float[] centres) {
        this.centres = centres;
        this.bounds = new float[Math.max(0, centres.length - 1)];
        for (int i = 0; i + 1 < centres.length; i++) {
            bounds[i] = (centres[i] + centres[i + 1]) / 2;
        }
    }

    /** Bins for {@code count} values of {@code values}, in {@code 2^bits} codes. */
    static Quantizer train(float[] values, int count, int bits, boolean exactZero) {
        float[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        int bins = 1 << bits;
        float[] centres = new float[bins];
        int zeroFrom = 0;
        int zeroTo = 0;
        if (exactZero) {
            zeroFrom = lowerBound(sorted, 0f);
            zeroTo = lowerBound(sorted, Math.nextUp(0f));
        }
        boolean keepZero = zeroTo > zeroFrom;
        int rest = count - (zeroTo - zeroFrom);
        int free = keepZero ? bins - 1 : bins;
        // centres of the non-zero values, then 0 among them in its place
        float[] others = new float[rest];
        System.arraycopy(sorted, 0, others, 0, zeroFrom);
        System.arraycopy(sorted, zeroTo, others, zeroFrom, count - zeroTo);
        int c = 0;
        for (int b = 0; b < free; b++) {
            int from = (int) ((long) rest * b / free);
            int to = (int) ((long) rest * (b + 1) / free);
            if (to > from) {
                double sum = 0;
                for (int i = from; i < to; i++) {
                    sum += others[i];
                }
                centres[c++] = (float) (sum / (to - from));
            }
        }
        if (keepZero) {
            centres[c++] = 0f;
        }
        float[] used = Arrays.copyOf(centres, Math.max(1, c));
        Arrays.sort(used);
        // unused codes repeat the last centre, so every code decodes
        float[] all = Arrays.copyOf(used, bins);
        Arrays.fill(all, used.length, bins, used[used.length - 1]);
        return new Quantizer(all);
    }

    /** The code of the centre nearest {@code value}. */
    int encode(float value) {
        int lo = 0;
        int hi = bounds.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (value > bounds[mid]) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        // the exact zero bin wins over a neighbour whose centre is as near
        if (value == 0f) {
            for (int i = 0; i < centres.length; i++) {
                if (centres[i] == 0f) {
                    return i;
                }
            }
        }
        return lo;
    }

    float decode(int code) {
        return centres[code];
    }

    private static int lowerBound(float[] a, float key) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
