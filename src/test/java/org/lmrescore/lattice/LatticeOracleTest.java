package org.lmrescore.lattice;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LatticeOracleTest {
    @TempDir
    Path dir;

    @Test
    void findsTheClosestPath() {
        Lattice l = SlfReader.read(Fixtures.write(dir, "tiny.slf", Fixtures.TINY));
        assertEquals(new LatticeOracle.Result(List.of("a", "cat"), 0), LatticeOracle.find(l, List.of("a", "cat")));
        // "the big hat": best is "the hat" with one deletion
        assertEquals(new LatticeOracle.Result(List.of("the", "hat"), 1), LatticeOracle.find(l, List.of("the", "big", "hat")));
        // "hat": "the hat" (1 insertion) beats any 2-error path
        assertEquals(1, LatticeOracle.find(l, List.of("hat")).errors());
        assertEquals(2, LatticeOracle.find(l, List.of()).errors());
    }

    @Test
    void fillersAreFreeAndNBestListsWork() {
        NBestList list = new NBestList("u", List.of(
                Hypothesis.of(List.of("<sil>", "yes", "no"), 0, 0),
                Hypothesis.of(List.of("yes", "[noise]"), 0, 0)));
        LatticeOracle.Result r = LatticeOracle.find(NBestLattice.of(list), List.of("yes"));
        assertEquals(0, r.errors());
        assertEquals(List.of("yes"), r.words());
        assertEquals(1, LatticeOracle.find(NBestLattice.of(list), List.of("yes", "no", "maybe")).errors());
    }
}
