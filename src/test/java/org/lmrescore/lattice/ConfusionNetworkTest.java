package org.lmrescore.lattice;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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

    static ConfusionNetwork alignedToViterbi(Lattice l, double scale) {
        List<String> viterbi = KBestPaths.best(l).words();
        return LatticeMbr.of(l, scale, viterbi.size()).alignedTo(viterbi);
    }

    @Test
    void latticeNetworkByHandAndItsConsensusDiffersFromTheViterbiBest() {
        Lattice l = SlfReader.read(Fixtures.write(dir, "four.slf", FOUR_PATHS));
        assertEquals(List.of("the", "hat"), KBestPaths.best(l).words());
        ConfusionNetwork cn = alignedToViterbi(l, 1);
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
        alignedToViterbi(l, 1).writeMesh(w, "four");
        assertEquals("""
                name four
                numaligns 3
                posterior 1
                align 0 the 0.740000 a 0.260000
                align 1 big 0.150000 *DELETE* 0.850000
                align 2 cat 0.550000 hat 0.450000
                """, w.toString());
    }

    /**
     * The network's N-best by word posteriors, by hand from its slots (the 0.74 / a 0.26; big 0.15
     * / nothing 0.85; cat 0.55 / hat 0.45): the cat 0.34595, the hat 0.28305, a cat 0.12155.
     */
    @Test
    void meshNBestIsTheProductOfSlotPosteriors() {
        Lattice l = SlfReader.read(Fixtures.write(dir, "four.slf", FOUR_PATHS));
        List<ConfusionNetwork.MeshPath> best = alignedToViterbi(l, 1).nbest(3);
        assertEquals(List.of(List.of("the", "cat"), List.of("the", "hat"), List.of("a", "cat")),
                best.stream().map(ConfusionNetwork.MeshPath::words).toList());
        assertArrayEquals(new double[] {Math.log(0.74 * 0.85 * 0.55), Math.log(0.74 * 0.85 * 0.45), Math.log(0.26 * 0.85 * 0.55)},
                best.stream().mapToDouble(ConfusionNetwork.MeshPath::logPosterior).toArray(), 1e-9);
    }

    @Test
    void mbrDecodingConvergesOnTheConsensus() {
        Lattice l = SlfReader.read(Fixtures.write(dir, "four.slf", FOUR_PATHS));
        ConfusionNetwork mbr = LatticeMbr.of(l, 1, 2).decode(KBestPaths.best(l).words());
        assertEquals(List.of("the", "cat"), mbr.consensus().stream().map(ConfusionNetwork.Word::word).toList());
        // aligned to "the cat": the 0.74 / a 0.26; cat 0.55 against hat (0.30, and 0.15 of "the big
        // hat" unless its "hat" goes to the gap after "cat")
        assertEquals(0.74, mbr.slots().get(1).posterior("the"), 1e-9);
        assertEquals(0.55, mbr.slots().get(3).posterior("cat"), 1e-9);
        // times averaged over the paths' arcs: "cat" from 0.50 (0.29) and 0.60 (0.26) to 1.00
        ConfusionNetwork.Word cat = mbr.consensus().get(1);
        assertEquals((0.29 * 0.50 + 0.26 * 0.60) / 0.55, cat.begin(), 1e-9);
        assertEquals(1.0, cat.end(), 1e-9);
        assertEquals(0.0, mbr.consensus().get(0).begin(), 1e-9);
        assertEquals(0.5, mbr.consensus().get(0).end(), 1e-9);
        assertEquals(List.of("the", "cat"), mbr.slots().stream().map(ConfusionNetwork.Slot::pivot)
                .filter(java.util.Objects::nonNull).toList(), "the network's pivot is the decoded hypothesis");
    }

    /**
     * Viterbi keeps a word the other paths leave out: "a b c" 0.34 (the best path), "b c" 0.33 and
     * "b d" 0.33. By hand, aligned to "a b c": slot "a" has a 0.34 / nothing 0.66, "b" 1, "c" 0.67
     * against "d" 0.33; so MBR drops "a" and decodes "b c". The lattice has no times.
     */
    @Test
    void mbrDeletesAWordMostPathsLeaveOut() {
        String slf = """
                VERSION=1.0
                N=6 L=7
                I=0
                I=1
                I=2
                I=3
                I=4
                I=5
                J=0 S=0 E=1 W=a a=%s l=0
                J=1 S=1 E=2 W=b a=0 l=0
                J=2 S=2 E=4 W=c a=0 l=0
                J=3 S=0 E=3 W=b a=%s l=0
                J=4 S=3 E=4 W=c a=%s l=0
                J=5 S=3 E=4 W=d a=%s l=0
                J=6 S=4 E=5 W=!NULL a=0 l=0
                """.formatted(Math.log(0.34), Math.log(0.66), Math.log(0.5), Math.log(0.5));
        Lattice l = SlfReader.read(Fixtures.write(dir, "untimed.slf", slf));
        assertEquals(List.of("a", "b", "c"), KBestPaths.best(l).words());
        ConfusionNetwork aligned = alignedToViterbi(l, 1);
        assertArrayEquals(new double[] {0.34, 1.0, 0.67}, aligned.pivotPosteriors(), 1e-9,
                "a lattice without times has a network too");
        ConfusionNetwork mbr = LatticeMbr.of(l, 1, 3).decode(KBestPaths.best(l).words());
        assertEquals(List.of("b", "c"), mbr.consensus().stream().map(ConfusionNetwork.Word::word).toList());
        for (ConfusionNetwork.Slot s : mbr.slots()) {
            double sum = s.empty();
            for (double p : s.words().values()) {
                sum += p;
            }
            assertEquals(1, sum, 1e-9);
        }
    }

    /** A linear lattice of {@code words} words. */
    static String linear(int words) {
        StringBuilder b = new StringBuilder("VERSION=1.0\nN=" + (words + 1) + " L=" + words + "\n");
        for (int i = 0; i <= words; i++) {
            b.append("I=").append(i).append('\n');
        }
        for (int i = 0; i < words; i++) {
            b.append("J=").append(i).append(" S=").append(i).append(" E=").append(i + 1).append(" W=w").append(i % 7)
                    .append(" a=-1 l=0\n");
        }
        return b.toString();
    }

    /** The recursion's tables grow as nodes x words: a hypothesis too long for the budget gets none. */
    @Test
    void memoryStaysWithinTheBudgetWhateverTheLatticeLength() {
        Lattice fits = SlfReader.read(Fixtures.write(dir, "fits.slf", linear(1000)));
        ConfusionNetwork cn = LatticeMbr.of(fits, 1, 1000).decode(KBestPaths.best(fits).words());
        assertEquals(1000, cn.consensus().size());
        Lattice tooLong = SlfReader.read(Fixtures.write(dir, "long.slf", linear(1500)));
        assertEquals(null, LatticeMbr.of(tooLong, 1, 1500));
    }
}
