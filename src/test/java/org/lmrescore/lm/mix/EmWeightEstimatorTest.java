package org.lmrescore.lm.mix;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmWeightEstimatorTest {

    @Test
    void findsTheAnalyticOptimumOfATwoTokenCase() {
        // f(l) = ln(0.5 l + 0.1 (1-l)) + ln(0.1 l + 0.3 (1-l)); f'(l) = 0 gives
        // 0.4 / (0.4 l + 0.1) = 0.2 / (0.3 - 0.2 l), so l = 0.1 / 0.16 = 0.625.
        double[][] probs = {{0.5, 0.1}, {0.1, 0.3}};
        EmWeightEstimator.Result r = EmWeightEstimator.withDefaults().estimate(probs, new double[] {0.5, 0.5});
        assertEquals(0.625, r.weights()[0], 1e-3);
        assertEquals(0.375, r.weights()[1], 1e-3);
        double expected = (Math.log(0.5 * 0.625 + 0.1 * 0.375) + Math.log(0.1 * 0.625 + 0.3 * 0.375)) / 2;
        assertEquals(expected, r.logLikelihoodPerToken(), 1e-6);
    }

    @Test
    void recoversTheWeightsThatGeneratedTheData() {
        // Tokens drawn from a known mixture of two distributions over 4 symbols: with many tokens the
        // maximum-likelihood weights approach the generating ones (0.3 / 0.7).
        double[] a = {0.7, 0.1, 0.1, 0.1};
        double[] b = {0.1, 0.1, 0.1, 0.7};
        Random random = new Random(7);
        int n = 200_000;
        double[][] probs = new double[2][n];
        for (int t = 0; t < n; t++) {
            double[] source = random.nextDouble() < 0.3 ? a : b;
            double u = random.nextDouble();
            int symbol = 0;
            for (double acc = source[0]; u > acc && symbol < 3; acc += source[++symbol]) {
                // walk the cumulative distribution
            }
            probs[0][t] = a[symbol];
            probs[1][t] = b[symbol];
        }
        EmWeightEstimator.Result r = EmWeightEstimator.withDefaults().estimate(probs, new double[] {0.5, 0.5});
        assertEquals(0.3, r.weights()[0], 0.01);
    }

    @Test
    void aModelThatIsNeverBetterGetsNoWeight() {
        double[][] probs = {{0.2, 0.3, 0.4}, {0.1, 0.15, 0.2}};
        EmWeightEstimator.Result r = EmWeightEstimator.withDefaults().estimate(probs, new double[] {0.5, 0.5});
        assertTrue(r.weights()[1] < 0.01, "dominated model weight " + r.weights()[1]);
    }
}
