package org.lmrescore.lm.rnn;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rnnlm toolkit's schedule, step by step, including an epoch that diverged. */
class LearningRateScheduleTest {
    @Test
    void halvesAfterTheFirstSmallGainAndStopsAfterTheSecond() {
        LearningRateSchedule s = new LearningRateSchedule(0.1, 1.003, 100);
        assertTrue(s.endEpoch(-1000));          // first epoch: kept
        assertTrue(s.endEpoch(-900));           // 10% better: kept, rate unchanged
        assertEquals(0.1, s.alpha(), 1e-12);
        assertTrue(s.endEpoch(-899.5));         // gain below 0.3%: halving starts
        assertEquals(0.05, s.alpha(), 1e-12);
        assertFalse(s.finished());
        assertTrue(s.endEpoch(-850));           // halving goes on every epoch
        assertEquals(0.025, s.alpha(), 1e-12);
        assertTrue(s.endEpoch(-849.9));         // second small gain: stop
        assertTrue(s.finished());
    }

    @Test
    void aDivergedEpochIsUndoneAndStartsHalving() {
        LearningRateSchedule s = new LearningRateSchedule(0.1, 1.003, 100);
        assertTrue(s.endEpoch(-1000));
        assertFalse(s.endEpoch(Double.NaN), "NaN: the previous weights are restored");
        assertEquals(0.05, s.alpha(), 1e-12);
        assertFalse(s.finished());
        assertTrue(s.endEpoch(-990), "any finite epoch after it is kept");
    }
}
