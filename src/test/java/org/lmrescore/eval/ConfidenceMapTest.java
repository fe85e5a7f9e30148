package org.lmrescore.eval;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfidenceMapTest {
    /**
     * Over-confident posteriors: half of them 1 (a third of those words wrong), the rest spread
     * out. The fit must satisfy logistic regression's optimality conditions (the residuals sum to
     * zero, alone and weighted by the log-odds), and its NCE beats the raw posteriors' and 0.
     */
    @Test
    void fitSolvesTheLikelihoodEquationsAndRaisesNce() {
        Random r = new Random(7);
        int n = 2000;
        double[] p = new double[n];
        boolean[] correct = new boolean[n];
        for (int i = 0; i < n; i++) {
            if (i % 2 == 0) {
                p[i] = 1;
                correct[i] = r.nextDouble() < 0.67;
            } else {
                p[i] = r.nextDouble();
                correct[i] = r.nextDouble() < 0.2 + 0.6 * p[i];
            }
        }
        ConfidenceMap map = ConfidenceMap.fit(p, correct);
        double residual = 0;
        double weighted = 0;
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            c[i] = map.apply(p[i]);
            double e = (correct[i] ? 1 : 0) - c[i];
            residual += e;
            weighted += e * ConfidenceMap.logit(p[i]);
        }
        assertEquals(0, residual, 1e-6);
        assertEquals(0, weighted, 1e-5);
        double raw = ConfidenceScore.of(p, correct).nce();
        double calibrated = ConfidenceScore.of(c, correct).nce();
        assertTrue(raw < 0, "the raw posteriors' NCE " + raw);
        assertTrue(calibrated > 0 && calibrated > raw, "calibrated NCE " + calibrated);
        assertTrue(map.apply(0.9) > map.apply(0.5), "the map is monotone");
    }

    @Test
    void identityWhenEveryWordIsRightAndParsingIsStrict() {
        assertEquals(ConfidenceMap.IDENTITY, ConfidenceMap.fit(new double[] {0.2, 0.9}, new boolean[] {true, true}));
        assertEquals(0.3, ConfidenceMap.IDENTITY.apply(0.3));
        ConfidenceMap m = ConfidenceMap.parse("0.5,-1");
        assertEquals(1 / (1 + Math.exp(-(0.5 * Math.log(0.8 / 0.2) - 1))), m.apply(0.8), 1e-12);
        assertEquals(m, ConfidenceMap.parse(m.argument()));
        assertThrows(IllegalArgumentException.class, () -> ConfidenceMap.parse("0.5"));
        assertThrows(IllegalArgumentException.class, () -> ConfidenceMap.parse("a,b"));
        assertThrows(IllegalArgumentException.class, () -> ConfidenceMap.parse("NaN,0"));
    }
}
