package org.lmrescore.lattice;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ConfusionNetworkTest {
    @TempDir
    Path dir;

    /**
     * Four paths with the posteriors of their weights (lmscale 1, no penalty, l=0, so a= is the
     * whole weight): "the hat" 0.30 (the Viterbi best), "the cat" 0.29, "a cat" 0.26 and
     * "the big hat" 0.15, "big" a short word between the pivot's two. By hand: slot "the" holds
     * the 0.74 / a 0.26; the gap before "hat" big 0.15; slot "hat" hat 0.45 / cat 0.55. So the
     * consensus is "the cat", which no single path's score prefers.
     */
    static final String FOUR_PATHS = """
            VERSION=1.0
            UTTERANCE=four
            lmscale=1.0 wdpenalty=0.0
            N=6 L=8
            I=0 t=0.00
            I=1 t=0.50
            I=2 t=0.60
            I=3 t=1.00
            I=4 t=1.20
            I=5 t=0.55
            J=0 S=0 E=1 W=the a=0 l=0
            J=1 S=1 E=3 W=hat a=%s l=0
            J=2 S=1 E=3 W=cat a=%s l=0
            J=3 S=0 E=2 W=a a=%s l=0
            J=4 S=2 E=3 W=cat a=0 l=0
            J=5 S=1 E=5 W=big a=%s l=0
            J=6 S=5 E=3 W=hat a=0 l=0
            J=7 S=3 E=4 W=!NULL a=0 l=0
            """.formatted(Math.log(0.30), Math.log(0.29), Math.log(0.26), Math.log(0.15));

    @Test
    void latticeNetworkByHandAndItsConsensusDiffersFromTheViterbiBest() {
        Lattice l = SlfReader.read(Fixtures.write(dir, "four.slf", FOUR_PATHS));
        assertEquals(List.of("the", "hat"), KBestPaths.best(l).words());
        ConfusionNetwork cn = ConfusionNetwork.ofLattice(l, 1);
        List<ConfusionNetwork.Slot> slots = cn.slots();
        assertEquals(5, slots.size());
        assertEquals(0.74, slots.get(1).posterior("the"), 1e-9);
        assertEquals(0.26, slots.get(1).posterior("a"), 1e-9);
        assertEquals(0.15, slots.get(2).posterior("big"), 1e-9);
        assertEquals(0.85, slots.get(2).empty(), 1e-9);
        assertEquals(0.45, slots.get(3).posterior("hat"), 1e-9);
        assertEquals(0.55, slots.get(3).posterior("cat"), 1e-9);
        for (ConfusionNetwork.Slot s : slots) {
            double sum = s.empty();
            for (double p : s.words().values()) {
                sum += p;
            }
            assertEquals(1, sum, 1e-9, "a slot's entries and the empty word sum to 1");
        }
        List<ConfusionNetwork.Word> consensus = cn.consensus();
        assertEquals(List.of("the", "cat"), consensus.stream().map(ConfusionNetwork.Word::word).toList());
        assertEquals(0.55, consensus.get(1).posterior(), 1e-9);
        assertArrayEquals(new double[] {0.74, 0.45}, cn.pivotPosteriors(), 1e-9);
    }

    @Test
    void meshFormatAsSrilmWritesIt() throws Exception {
        Lattice l = SlfReader.read(Fixtures.write(dir, "four.slf", FOUR_PATHS));
        StringWriter w = new StringWriter();
        ConfusionNetwork.ofLattice(l, 1).writeMesh(w, "four");
        assertEquals("""
                name four
                numaligns 3
                posterior 1
                align 0 the 0.740000 a 0.260000
                align 1 big 0.150000 *DELETE* 0.850000
                align 2 hat 0.450000 cat 0.550000
                """, w.toString());
    }

    @Test
    void noNetworkFromALatticeWithoutTimes() {
        String untimed = Fixtures.TINY.replaceAll(" t=[0-9.]+", "");
        assertNull(ConfusionNetwork.ofLattice(SlfReader.read(Fixtures.write(dir, "untimed.slf", untimed)), 1));
    }
}
