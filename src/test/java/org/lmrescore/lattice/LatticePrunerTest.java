package org.lmrescore.lattice;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class LatticePrunerTest {
    @TempDir
    Path dir;

    @Test
    void keepsArcsOnPathsWithinTheBeam() {
        Lattice l = SlfReader.read(Fixtures.write(dir, "tiny.slf", Fixtures.TINY));
        // paths: the hat -37, the cat -38, a cat -39
        Lattice p = LatticePruner.prune(l, 1.5);
        assertEquals(4, p.arcCount());
        List<LatticePath> paths = KBestPaths.find(p, 10);
        assertEquals(2, paths.size());
        assertEquals(List.of("the", "hat"), paths.get(0).words());
        assertEquals(-38, paths.get(1).score(), 1e-12);
        assertEquals(0.5, paths.get(0).toHypothesis().end()[0]);
        assertEquals(1, KBestPaths.find(LatticePruner.prune(l, 0.5), 10).size());
        assertSame(l, LatticePruner.prune(l, 2.5));
        assertSame(l, LatticePruner.prune(l, Double.POSITIVE_INFINITY));
    }
}
