package org.lmrescore.lm.rnn;

import java.util.SplittableRandom;

/** Draws units from a fixed distribution in constant time (Walker's alias method), for NCE noise. */
final class NoiseSampler {
    private final double[] threshold;
    private final int[] alias;

    /** {@code p} must sum to one (within rounding). */
    NoiseSampler(double[] p) {
        int n = p.length;
        threshold = new double[n];
        alias = new int[n];
        double[] scaled = new double[n];
        int[] small = new int[n];
        int[] large = new int[n];
        int ns = 0;
        int nl = 0;
        for (int i = 0; i < n; i++) {
            scaled[i] = p[i] * n;
            if (scaled[i] < 1) {
                small[ns++] = i;
            } else {
                large[nl++] = i;
            }
        }
        while (ns > 0 && nl > 0) {
            int s = small[--ns];
            int l = large[--nl];
            threshold[s] = scaled[s];
            alias[s] = l;
            scaled[l] -= 1 - scaled[s];
            if (scaled[l] < 1) {
                small[ns++] = l;
            } else {
                large[nl++] = l;
            }
        }
        while (nl > 0) {
            threshold[large[--nl]] = 1;
        }
        while (ns > 0) {
            threshold[small[--ns]] = 1;  // only rounding leaves these
        }
    }

    int draw(SplittableRandom random) {
        int i = random.nextInt(threshold.length);
        return random.nextDouble() < threshold[i] ? i : alias[i];
    }
}
