package org.lmrescore.lattice;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmrescore.SharedData;
import org.lmrescore.util.InputFormatException;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SlfReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsWordsOnLinksWithTheHeaderScales() {
        Lattice l = SlfReader.read(Fixtures.write(dir, "tiny.slf", Fixtures.TINY));
        assertEquals("tiny", l.id());
        assertEquals(5, l.nodeCount());
        assertEquals(6, l.arcCount());
        assertEquals(2.0, l.header().lmScale());
        assertEquals(-1.0, l.header().wordPenalty());
        int the = arcWithWord(l, "the");
        assertEquals(-10, l.acoustic(the), 1e-12);
        assertEquals(-2, l.lmScore(the), 1e-12); // lmscale x l
        assertEquals(-13, l.weight(the), 1e-12);
        assertEquals(0.0, l.begin(the));
        assertEquals(0.5, l.end(the));
    }

    @Test
    void convertsLog10AndLinearBasesAndReadsWordsOnNodesInAnyFieldOrder() {
        String slf = """
                base=10
                NODES=3 LINKS=2
                I=0 t=0.0 W=!NULL
                I=1 W=hello t=0.3 v=1
                I=2 t=0.5 W=</s>
                J=0 a=-2 E=1 S=0 l=-1 r=0.0
                J=1 S=1 l=-0.5 E=2 a=-1
                """;
        Lattice l = SlfReader.read(Fixtures.write(dir, "b10.slf", slf));
        int hello = arcWithWord(l, "hello");
        assertEquals(-2 * Math.log(10), l.acoustic(hello), 1e-12);
        assertEquals(-1 * Math.log(10), l.lmScore(hello), 1e-12); // no lmscale: 1
        assertEquals("</s>", l.word(arcWithWord(l, "</s>")));

        String linear = """
                base=0
                N=2 L=1
                I=0
                I=1
                J=0 S=0 E=1 W=x a=0.5 l=0.25
                """;
        Lattice lin = SlfReader.read(Fixtures.write(dir, "lin.slf", linear));
        assertEquals(Math.log(0.5), lin.acoustic(0), 1e-12);
        assertEquals(Math.log(0.25), lin.lmScore(0), 1e-12);
    }

    @Test
    void htkEscapesAreUndoneAndRedone() {
        assertEquals("'BOUT", SlfReader.unescape("\\'BOUT"));
        assertEquals("\u00e9t\u00e9", SlfReader.unescape("\\303\\251t\\303\\251"));
        assertEquals("OTHER'S", SlfReader.unescape("OTHER'S"));
        assertEquals("\\'BOUT", SlfWriter.escape("'BOUT"));
        assertEquals("'BOUT", SlfReader.unescape(SlfWriter.escape("'BOUT")));
    }

    @Test
    void sphinxSlfTimesAreWordStartsAndLmIsWeighted() {
        String slf = """
                VERSION=1.1
                UTTERANCE=test
                base=1.0001
                lmscale=9.5
                start=0
                end=1
                NODES=3    LINKS=2
                I=2    t=0.3    W=yes
                I=0    t=0.0    W=!NULL
                I=1    t=0.9    W=!NULL
                J=0    S=0    E=2    a=-1000.0    l=-100.0
                J=1    S=2    E=1    a=-500.0    l=-10.0
                """;
        Lattice l = SlfReader.read(Fixtures.write(dir, "sphinx.slf", slf));
        assertEquals("Sphinx4 SLF", l.header().format());
        int yes = arcWithWord(l, "yes");
        assertEquals(0.3, l.begin(yes));
        assertEquals(-1000 * Math.log(1.0001f), l.acoustic(yes), 1e-9);
        assertEquals(-100 * 9.5 * Math.log(1.0001f), l.lmScore(yes), 1e-9);
        // the path's hypothesis ends "yes" where the next token starts
        Hypothesis h = KBestPaths.best(l).toHypothesis();
        assertEquals(0.9, h.end()[0], 1e-12);
    }

    @Test
    void errorsNameFileLineAndWhat() {
        assertError("N=2 L=1\nI=0\nI=1\nJ=0 S=0 E=7 W=x\n", 4, "node 7, which is not defined");
        assertError("N=2 L=1\nI=0\nI=1\nJ=0 S=0 E=1 W=x q=3\n", 4, "unknown link field 'q='");
        assertError("N=2 L=1\nI=0 z=1\nI=1\nJ=0 S=0 E=1 W=x\n", 2, "unknown node field 'z='");
        assertError("N=3 L=2\nI=0\nI=1\nI=2\n", 4, "declares 2 links but 0");
        assertError("start=0 end=2\nN=3 L=3\nI=0\nI=1\nI=2\nJ=0 S=0 E=1 W=x\nJ=1 S=1 E=1 W=y\nJ=2 S=1 E=2 W=z\n", -1, "cycle");
        assertError("N=2 L=1\nI=0\nI=0\nJ=0 S=0 E=1 W=x\n", 3, "defined twice");
        assertError("N=2 L=1\nI=0\nI=1\nJ=0 S=0 E=1 W=x a=abc\n", 4, "expected a number after a=");
        // non-finite numbers, where they are read
        assertError("N=2 L=1\nI=0\nI=1\nJ=0 S=0 E=1 W=x a=-1 l=Infinity\n", 4, "'Infinity' (not a finite number)");
        assertError("N=2 L=1\nI=0\nI=1\nJ=0 S=0 E=1 W=x a=NaN\n", 4, "'NaN' (not a finite number)");
        assertError("acscale=-Infinity\nN=2 L=1\nI=0\nI=1\nJ=0 S=0 E=1 W=x\n", 1, "after acscale=");
        assertError("N=2 L=1\nI=0 t=1e999\nI=1\nJ=0 S=0 E=1 W=x\n", 2, "not a finite number");
    }

    @Test
    void truncatedGzipIsAnError() {
        StringBuilder big = new StringBuilder("N=2001 L=2000\n");
        for (int i = 0; i <= 2000; i++) {
            big.append("I=").append(i).append(" t=").append(i * 0.01).append('\n');
        }
        for (int i = 0; i < 2000; i++) {
            big.append("J=").append(i).append(" S=").append(i).append(" E=").append(i + 1).append(" W=w").append(i % 7)
                    .append(" a=-1.5 l=-2.5\n");
        }
        Path whole = Fixtures.gzip(dir, "whole.lat.gz", big.toString(), -1);
        assertEquals(2000, SlfReader.read(whole).arcCount());
        Path cut = Fixtures.gzip(dir, "cut.lat.gz", big.toString(), 3000);
        InputFormatException e = assertThrows(InputFormatException.class, () -> SlfReader.read(cut));
        assertTrue(e.getMessage().startsWith(cut.toString()), e.getMessage());
    }

    /**
     * Sizes are bounded whatever the file claims: a declared size past the limit is refused at
     * once, and a gzip bomb (about 190 MB of links, declaring no size) stops at the
     * limit with a file:line error instead of filling the heap.
     */
    @Test
    void hugeDeclaredSizesAndGzipBombsAreRefused() throws Exception {
        assertError("N=2 L=2000000000\nI=0\nI=1\nJ=0 S=0 E=1 W=x\n", 1, "lattice too large");
        assertError("NODES=9000000000 LINKS=1\nI=0\n", 1, "lattice too large");
        Path bomb = dir.resolve("bomb.lat.gz");
        try (java.io.Writer w = new java.io.OutputStreamWriter(new java.util.zip.GZIPOutputStream(
                java.nio.file.Files.newOutputStream(bomb), 1 << 16), java.nio.charset.StandardCharsets.US_ASCII)) {
            w.write("VERSION=1.0\nI=0\nI=1\n");
            StringBuilder b = new StringBuilder();
            for (int j = 0; j <= LatticeBuilder.MAX_ARCS; j++) {
                b.append("J=").append(j).append(" S=0 E=1 W=a a=-1 l=-1\n");
                if (b.length() > 1 << 16) {
                    w.write(b.toString());
                    b.setLength(0);
                }
            }
            w.write(b.toString());
        }
        InputFormatException e = assertThrows(InputFormatException.class, () -> SlfReader.read(bomb));
        assertEquals(bomb.toString(), e.file());
        assertEquals(LatticeBuilder.MAX_ARCS + 4, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains("lattice too large"), e.getMessage());
    }

    @Test
    void readsARealSphinxSlf() {
        Path f = SharedData.require("speech/dev/sphinx/slf/arctic_b0001_1592701278.slf");
        Lattice l = SlfReader.read(f);
        assertEquals("arctic_b0001_1592701278", l.id());
        assertEquals(21, l.nodeCount());
        assertEquals(30, l.arcCount());
    }

    @Test
    void readsARealAmiLattice() {
        Path f = SharedData.require("lattices/ami/AMI-3E0501_u3005_127040_127488.lat.gz");
        Lattice l = SlfReader.read(f);
        assertEquals(14.0, l.header().lmScale());
        assertTrue(l.nodeCount() > 10000 && l.nodeCount() <= 13069, "nodes " + l.nodeCount());
        assertTrue(l.arcCount() <= 39829 && l.arcCount() > 30000, "links " + l.arcCount());
        assertEquals("</s>", l.word(l.inArc(l.endNode(), 0)));
    }

    private void assertError(String content, int line, String what) {
        Path f = Fixtures.write(dir, "bad.slf", content);
        InputFormatException e = assertThrows(InputFormatException.class, () -> SlfReader.read(f));
        assertTrue(e.getMessage().contains(what), e.getMessage());
        assertEquals(f.toString(), e.file());
        if (line >= 0) {
            assertEquals(line, e.line(), e.getMessage());
        }
    }

    static int arcWithWord(Lattice l, String w) {
        for (int a = 0; a < l.arcCount(); a++) {
            if (l.word(a).equals(w)) {
                return a;
            }
        }
        throw new AssertionError("no arc " + w);
    }
}
