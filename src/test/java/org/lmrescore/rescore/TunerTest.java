package org.lmrescore.rescore;

import org.junit.jupiter.api.Test;
import org.lmrescore.lattice.ScoreWeights;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TunerTest {
    private static TuningSet.Item item(double ac, double lnp, int errors) {
        return new TuningSet.Item(List.of("w"), ac, lnp, 1, 0, errors);
    }

    /**
     * u1: the right hypothesis wins when lmscale s > 1 (-10 - s > -9 - 2s); u2 when s < 4
     * (-10 - 2s > -12 - 1.5s). Only 1 < s < 4 gets both right.
     */
    private final TuningSet set = TuningSet.of(List.of(
            new TuningSet.Entry("u1", List.of(item(-9, -2, 1), item(-10, -1, 0)), 2),
            new TuningSet.Entry("u2", List.of(item(-12, -1.5, 2), item(-10, -2, 0)), 2)));

    @Test
    void werFollowsTheWeights() {
        assertEquals(25.0, set.wer(ScoreWeights.of(0.5, 0)), 1e-12);
        assertEquals(0.0, set.wer(ScoreWeights.of(2, 0)), 1e-12);
        assertEquals(50.0, set.wer(ScoreWeights.of(5, 0)), 1e-12); // u2 wrong: 2 errors
        assertEquals(1, set.slice(2, 1).entries().size());
        assertEquals("u2", set.slice(2, 1).entries().get(0).id());
    }

    @Test
    void gridAndSimplexFindTheWindow() {
        Tuner.Result r = Tuner.tune(set, ScoreWeights.of(1, 0), new double[] {0, 6}, new double[] {0}, new double[] {0});
        // the grid misses the window (25% and 50%); the simplex from s = 0 with step 6 finds it
        assertEquals(2, r.grid().size());
        assertEquals(0.0, r.best().wer(), 1e-12);
        assertTrue(r.best().lmScale() > 1 && r.best().lmScale() < 4, "lmscale " + r.best().lmScale());
        Tuner.Result g = Tuner.tune(set, ScoreWeights.of(1, 0), new double[] {0, 2, 6}, new double[] {0}, new double[] {0});
        assertEquals(2.0, g.best().lmScale());
        assertEquals(0.0, g.best().wer());
    }
}
