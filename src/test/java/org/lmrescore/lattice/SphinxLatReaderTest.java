package org.lmrescore.lattice;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmrescore.SharedData;
import org.lmrescore.util.InputFormatException;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SphinxLatReaderTest {
    @TempDir
    Path dir;

    /** Lines out of order, as Sphinx writes them; two paths "<s> yes </s>" and "<s> <sil> no </s>". */
    static final String SMALL = """
            edge: 5 9 -2000.0 -300.0
            node: 9 </s> 900 -1
            edge: 1 5 -10000.0 -800.0
            node: 5 yes 100 600
            terminalNode: 9
            node: 1 <s> 0 0
            edge: 1 6 -3000.0 0.0
            node: 6 <sil> 0 100
            node: 7 no 100 700
            edge: 6 7 -8000.0 -900.0
            edge: 7 9 -1000.0 -300.0
            initialNode: 1
            logBase: 1.0001
            """;

    @Test
    void readsLinesInAnyOrderWithTimes() {
        Lattice l = SphinxLatReader.read(Fixtures.write(dir, "u.lat", SMALL));
        assertEquals(InputFormat.SPHINX_LAT, InputFormat.detect(dir.resolve("u.lat")));
        assertEquals(5, l.nodeCount());
        assertEquals(5, l.arcCount());
        LatticePath best = KBestPaths.best(l);
        // yes: -12000 -1100; no: -12000 -1200 (base 1.0001)
        assertEquals(List.of("yes"), best.words());
        assertEquals(-13100 * Math.log(1.0001f), best.score(), 1e-9);
        int yes = SlfReaderTest.arcWithWord(l, "yes");
        assertEquals(0.1, l.begin(yes), 1e-12);
        assertEquals(0.6, l.end(yes), 1e-12);
    }

    @Test
    void errors() {
        InputFormatException e = assertThrows(InputFormatException.class,
                () -> SphinxLatReader.read(Fixtures.write(dir, "a.lat", SMALL.replace("edge: 7 9", "edge: 7 99"))));
        assertTrue(e.getMessage().contains("node 99, which is not defined"), e.getMessage());
        e = assertThrows(InputFormatException.class,
                () -> SphinxLatReader.read(Fixtures.write(dir, "b.lat", SMALL.replace("terminalNode: 9\n", ""))));
        assertTrue(e.getMessage().contains("no terminalNode:"), e.getMessage());
        e = assertThrows(InputFormatException.class,
                () -> SphinxLatReader.read(Fixtures.write(dir, "c.lat", SMALL + "edge: 9 1 -1 -1\n")));
        assertTrue(e.getMessage().contains("cycle"), e.getMessage());
        e = assertThrows(InputFormatException.class,
                () -> SphinxLatReader.read(Fixtures.write(dir, "d.lat", SMALL + "arc: 9 1\n")));
        assertEquals(14, e.line());
    }

    @Test
    void readsARealSphinxLatticeAndItsRawVersion() {
        Path f = SharedData.require("speech/dev/sphinx/lat/arctic_b0001_1592701278.lat");
        Lattice l = SphinxLatReader.read(f);
        assertEquals(21, l.nodeCount());
        assertEquals(30, l.arcCount());
        Path raw = SharedData.require("speech/dev/sphinx/rawlat/arctic_b0001_1592701278.lat");
        Lattice r = SphinxLatReader.read(raw);
        assertTrue(r.nodeCount() >= l.nodeCount());
    }
}
