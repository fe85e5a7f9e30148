package org.lmrescore.lattice;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmrescore.SharedData;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class KBestPathsTest {
    @TempDir
    Path dir;

    @Test
    void kBestOfTheTinyLatticeMatchesHandComputedScores() {
        Lattice l = SlfReader.read(Fixtures.write(dir, "tiny.slf", Fixtures.TINY));
        List<LatticePath> paths = KBestPaths.find(l, 10);
        assertEquals(3, paths.size());
        assertEquals(List.of("the", "hat"), paths.get(0).words());
        assertEquals(-37, paths.get(0).score(), 1e-12);
        assertEquals(List.of("the", "cat"), paths.get(1).words());
        assertEquals(-38, paths.get(1).score(), 1e-12);
        assertEquals(List.of("a", "cat"), paths.get(2).words());
        assertEquals(-39, paths.get(2).score(), 1e-12);
        assertEquals(paths.get(0).words(), KBestPaths.best(l).words());
        Hypothesis h = paths.get(0).toHypothesis();
        assertEquals(-27, h.acoustic(), 1e-12);
        assertEquals(-8, h.firstPassLm(), 1e-12);
        assertEquals(0.5, h.begin()[1]);
        assertEquals(1.0, h.end()[1]);
    }

    @Test
    void distinctWordStringsSkipPathsThatReadTheSame() {
        String slf = """
                N=4 L=5
                I=0
                I=1
                I=2
                I=3
                J=0 S=0 E=1 W=yes a=-1
                J=1 S=0 E=1 W=yes a=-2
                J=2 S=1 E=3 W=<sil> a=-1
                J=3 S=1 E=2 W=no a=-5
                J=4 S=2 E=3 W=!NULL a=0
                """;
        Lattice l = SlfReader.read(Fixtures.write(dir, "dup.slf", slf));
        List<LatticePath> all = KBestPaths.find(l, 10);
        assertEquals(4, all.size());
        assertEquals(List.of(-2.0, -3.0, -6.0, -7.0), all.stream().map(LatticePath::score).toList());
        List<LatticePath> distinct = KBestPaths.distinctWords(l, 10);
        assertEquals(2, distinct.size());
        assertEquals(List.of("yes"), distinct.get(0).words());
        assertEquals(List.of("yes", "no"), distinct.get(1).words());
        assertEquals(-6.0, distinct.get(1).score());
    }

    @Test
    void kBestMatchesBruteForceOnRandomLattices() {
        java.util.Random random = new java.util.Random(7);
        for (int trial = 0; trial < 30; trial++) {
            int n = 3 + random.nextInt(9);
            LatticeBuilder b = new LatticeBuilder(Path.of("random"));
            for (int v = 0; v < n; v++) {
                b.node(v, null, Double.NaN, Double.NaN, Double.NaN, v + 1);
            }
            List<int[]> arcs = new java.util.ArrayList<>();
            List<Double> weights = new java.util.ArrayList<>();
            for (int v = 0; v + 1 < n; v++) {
                int out = 1 + random.nextInt(3);
                for (int i = 0; i < out; i++) {
                    int to = v + 1 + random.nextInt(Math.min(3, n - v - 1));
                    double w = -random.nextInt(20);
                    b.arc(v, to, "w" + random.nextInt(4), w, 0, 0);
                    arcs.add(new int[] {v, to});
                    weights.add(w);
                }
            }
            b.start(0).end(n - 1);
            Lattice l = b.build("random", LatticeHeader.unknown("test"));
            // brute force over the builder's arcs: every start-to-end path score
            List<Double> all = new java.util.ArrayList<>();
            enumerate(0, n - 1, 0, arcs, weights, all);
            all.sort(java.util.Comparator.reverseOrder());
            List<LatticePath> paths = KBestPaths.find(l, all.size() + 5);
            assertEquals(all.size(), paths.size(), "trial " + trial);
            for (int i = 0; i < all.size(); i++) {
                assertEquals(all.get(i), paths.get(i).score(), 1e-9, "trial " + trial + " rank " + i);
                double sum = 0;
                for (int a : paths.get(i).arcs()) {
                    sum += l.weight(a);
                }
                assertEquals(paths.get(i).score(), sum, 1e-9);
            }
        }
    }

    private static void enumerate(int v, int end, double score, List<int[]> arcs, List<Double> weights, List<Double> out) {
        if (v == end) {
            out.add(score);
            return;
        }
        for (int i = 0; i < arcs.size(); i++) {
            if (arcs.get(i)[0] == v) {
                enumerate(arcs.get(i)[1], end, score + weights.get(i), arcs, weights, out);
            }
        }
    }

    @Test
    void sphinxLatticeKBestReproducesSphinxNBestTotals() {
        Path lat = SharedData.require("speech/dev/sphinx/lat/arctic_b0001_1592701278.lat");
        Path nbest = SharedData.require("speech/dev/sphinx/nbest/arctic_b0001_1592701278.nbest");
        Lattice l = SphinxLatReader.read(lat);
        NBestList sphinx = SphinxNBestReader.read(nbest);
        List<LatticePath> ours = KBestPaths.distinctWords(l, 5);
        for (int i = 0; i < 5; i++) {
            Hypothesis s = sphinx.hypotheses().get(i);
            assertEquals(s.words(), ours.get(i).words(), "rank " + (i + 1));
            assertEquals(s.acoustic() + s.firstPassLm(), ours.get(i).score(), 0.01);
        }
    }
}
