package org.lmrescore.lattice;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ArcPosteriorsTest {
    @TempDir
    Path dir;

    /** {@link Fixtures#TINY}: paths "the hat" -37, "the cat" -38, "a cat" -39 (natural log). */
    @Test
    void posteriorsOfTheTinyLatticeByHand() {
        Lattice l = SlfReader.read(Fixtures.write(dir, "tiny.slf", Fixtures.TINY));
        ArcPosteriors p = ArcPosteriors.of(l, 1);
        double z = Math.exp(-37) + Math.exp(-38) + Math.exp(-39);
        assertEquals(Math.log(z), p.logTotal(), 1e-9);
        assertEquals((Math.exp(-37) + Math.exp(-38)) / z, p.of(arc(l, "the")), 1e-9);
        assertEquals(Math.exp(-39) / z, p.of(arc(l, "a")), 1e-9);
        assertEquals(Math.exp(-37) / z, p.of(arc(l, "hat")), 1e-9);
        assertEquals(1, p.of(arc(l, "!NULL")), 1e-9);

        // scale 0.5 halves every path's log weight before normalising
        ArcPosteriors half = ArcPosteriors.of(l, 0.5);
        double zh = Math.exp(-18.5) + Math.exp(-19) + Math.exp(-19.5);
        assertEquals(Math.exp(-18.5) / zh, half.of(arc(l, "hat")), 1e-9);
        assertEquals(Math.exp(-19.5) / zh, half.of(arc(l, "a")), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> ArcPosteriors.of(l, 0));
    }

    /** Weights so large that exp underflows in double: log-sum-exp keeps the posteriors exact. */
    @Test
    void longPathsDoNotUnderflow() {
        String slf = Fixtures.TINY.replace("a=-10 ", "a=-10000 ").replace("a=-12 ", "a=-10002 ");
        Lattice l = SlfReader.read(Fixtures.write(dir, "far.slf", slf));
        ArcPosteriors p = ArcPosteriors.of(l, 1);
        // the same paths 9,990 lower: "the hat" -10027, "the cat" -10028, "a cat" -10029
        double z = 1 + Math.exp(-1) + Math.exp(-2);
        assertEquals(1 / z, p.of(arc(l, "hat")), 1e-9);
    }

    static int arc(Lattice l, String word) {
        for (int a = 0; a < l.arcCount(); a++) {
            if (l.word(a).equals(word)) {
                return a;
            }
        }
        throw new AssertionError("no arc " + word);
    }
}
