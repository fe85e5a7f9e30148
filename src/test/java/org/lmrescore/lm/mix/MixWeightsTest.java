package org.lmrescore.lm.mix;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MixWeightsTest {
    @Test
    void defaultsOneShareAndOneWeightPerRnn() {
        assertArrayEquals(new double[] {0.375, 0.375, 0.25}, MixWeights.of(List.of(), 2, true), 1e-12);
        assertArrayEquals(new double[] {0.5, 0.5}, MixWeights.of(List.of(), 2, false), 1e-12);
        assertArrayEquals(new double[] {0.3, 0.3, 0.4}, MixWeights.of(List.of(0.6), 2, true), 1e-12);
        assertArrayEquals(new double[] {0.1, 0.5, 0.4}, MixWeights.of(List.of(0.1, 0.5), 2, true), 1e-12);
        assertEquals(0.75, MixWeights.rnnShare(List.of(), 3, true), 1e-12);
        assertEquals(0.6, MixWeights.rnnShare(List.of(0.1, 0.5), 2, true), 1e-12);
    }

    /** The same refusals for every command (tune used to take 0.75 silently where rescore refused). */
    @Test
    void valuesLeavingNothingForTheBackoffModelAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> MixWeights.rnnShare(List.of(1.0), 2, true));
        assertThrows(IllegalArgumentException.class, () -> MixWeights.of(List.of(0.6, 0.5), 2, true));
        assertThrows(IllegalArgumentException.class, () -> MixWeights.of(List.of(0.1, 0.2, 0.3), 2, true));
        assertThrows(IllegalArgumentException.class, () -> MixWeights.of(List.of(-0.1), 1, true));
    }
}
