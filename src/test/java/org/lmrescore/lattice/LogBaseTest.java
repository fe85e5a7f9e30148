package org.lmrescore.lattice;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LogBaseTest {
    @Test
    void convertsBetweenBases() {
        // 10^-2 = e^(-2 ln 10); 1.0001^-23026 ~ e^-2.3025
        assertEquals(Math.log(0.01), LogBase.TEN.toLn(-2), 1e-12);
        assertEquals(-23026 * Math.log(1.0001f), LogBase.SPHINX.toLn(-23026), 1e-12);
        // Sphinx4's own conversion (its float base 1.0001f), to float precision
        edu.cmu.sphinx.util.LogMath sphinx = edu.cmu.sphinx.util.LogMath.getLogMath();
        assertEquals(sphinx.logToLn(-23026f), LogBase.SPHINX.toLn(-23026), 1e-6);
        assertEquals(Math.log(0.5), LogBase.SPHINX.toLn(sphinx.linearToLog(0.5)), 1e-6);
        assertEquals(-5, LogBase.E.toLn(-5), 0);
        assertEquals(Math.log(0.25), LogBase.LINEAR.toLn(0.25), 1e-15);
        assertEquals(-3, LogBase.TEN.fromLn(LogBase.TEN.toLn(-3)), 1e-12);
        // a Sphinx score read as log10 then converted back: same probability
        double p = Math.pow(1.0001f, -5000);
        assertEquals(Math.log10(p), LogBase.TEN.fromLn(LogBase.SPHINX.toLn(-5000)), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> LogBase.of(1));
        assertThrows(IllegalArgumentException.class, () -> LogBase.of(-2));
    }
}
