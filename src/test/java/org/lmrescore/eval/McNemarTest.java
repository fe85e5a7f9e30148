package org.lmrescore.eval;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class McNemarTest {
    @Test
    void fewDiscordantPairsUseTheExactBinomialTest() {
        // 1 vs 7 discordant: P(X <= 1 | n = 8, 1/2) = (1 + 8) / 256, two-sided 18/256 = 0.0703125.
        McNemar.Result r = McNemar.test(10, 1, 7, 5);
        assertTrue(r.exact());
        assertEquals(18.0 / 256, r.pValue(), 1e-12);
        assertFalse(r.significant(0.05));
        // 0 vs 7: 2 / 128 = 0.015625 -> significant
        assertEquals(2.0 / 128, McNemar.test(0, 0, 7, 0).pValue(), 1e-12);
    }

    @Test
    void manyDiscordantPairsUseChiSquareWithContinuityCorrection() {
        // 10 vs 25: chi2 = (|10 - 25| - 1)^2 / 35 = 196 / 35 = 5.6; P(chi2_1 > 5.6) = erfc(sqrt(2.8)) = 0.0179605
        McNemar.Result r = McNemar.test(100, 10, 25, 40);
        assertFalse(r.exact());
        assertEquals(5.6, r.statistic(), 1e-12);
        assertEquals(0.0179605, r.pValue(), 1e-6);
        assertTrue(r.significant(0.05));
    }

    @Test
    void noDiscordantPairsMeansNoEvidence() {
        assertEquals(1.0, McNemar.test(5, 0, 0, 5).pValue());
        assertEquals(1.0, McNemar.test(5, 3, 3, 5).pValue());
    }

    @Test
    void tableIsCountedFromSentenceErrors() {
        Transcripts.Builder ref = Transcripts.builder();
        Transcripts.Builder a = Transcripts.builder();
        Transcripts.Builder b = Transcripts.builder();
        String[][] rows = {
            {"u1", "x y", "x y", "x y"},   // both right
            {"u2", "x y", "x y", "x z"},   // only A right
            {"u3", "x y", "z y", "x y"},   // only B right
            {"u4", "x y", "z", "x"},       // both wrong
            {"u5", "x y", "x y", ""},      // only A right (B missing)
        };
        for (String[] r : rows) {
            ref.add(r[0], split(r[1]));
            a.add(r[0], split(r[2]));
            b.add(r[0], split(r[3]));
        }
        ScoreReport ra = WerScorer.standard().score(ref.build(), a.build());
        ScoreReport rb = WerScorer.standard().score(ref.build(), b.build());
        McNemar.Result r = McNemar.test(ra, rb);
        assertEquals(1, r.bothRight());
        assertEquals(2, r.onlyA());
        assertEquals(1, r.onlyB());
        assertEquals(1, r.bothWrong());
        assertEquals(1.0, r.pValue(), 1e-12); // 2 * P(X <= 1 | 3) = 2 * 4/8
    }

    private static List<String> split(String s) {
        return s.isEmpty() ? List.of() : Arrays.asList(s.split(" "));
    }
}
