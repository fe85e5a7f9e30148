package org.lmrescore.lattice;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmrescore.lm.BigramTestModel;
import org.lmrescore.rescore.LatticeRescorer;
import org.lmrescore.rescore.Scorer;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SlfWriterTest {
    @TempDir
    Path dir;

    @Test
    void rescoredLatticeReadsBackWithTheSameScores() {
        Lattice l = SlfReader.read(Fixtures.write(dir, "tiny.slf", Fixtures.TINY));
        BigramTestModel lm = new BigramTestModel(0.1, "<s> the", 0.5, "the cat", 0.5, "cat </s>", 0.5);
        RescoredLattice r = new LatticeRescorer(new Scorer(lm, ScoreWeights.of(7, -2)), 3, 1e9, 10).rescore(l);
        Path out = dir.resolve("out.slf.gz");
        ArcPosteriors posteriors = ArcPosteriors.of(r.lattice(), 1.0 / 7);
        SlfWriter.write(r, ScoreWeights.of(7, -2), posteriors, 1.0 / 7, out);
        Lattice back = SlfReader.read(out);
        // p= is each arc's posterior, written to 6 significant digits
        java.util.regex.Matcher p = java.util.regex.Pattern.compile("J=(\\d+) .* p=(\\S+)").matcher(gunzip(out));
        int withPosterior = 0;
        while (p.find()) {
            double written = Double.parseDouble(p.group(2));
            assertEquals(posteriors.of(Integer.parseInt(p.group(1))), written, 1e-5 * written);
            withPosterior++;
        }
        assertEquals(r.lattice().arcCount(), withPosterior);
        assertEquals(7.0, back.header().lmScale());
        // the penalty is in a=, so readers that charge it to other links (HTK, SRILM) get the same totals
        assertEquals(0.0, back.header().wordPenalty());
        for (int arc = 0; arc < back.arcCount(); arc++) {
            assertEquals(r.lmLogProb()[arc], back.lmScore(arc) / 7, 1e-12, "l= is the new ln P, arc " + arc);
            assertEquals(r.lattice().weight(arc), back.acoustic(arc) + back.lmScore(arc), 1e-9, "a= + lmscale l=, arc " + arc);
        }
        List<LatticePath> a = KBestPaths.find(r.lattice(), 5);
        List<LatticePath> b = KBestPaths.find(back, 5);
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).words(), b.get(i).words());
            assertEquals(a.get(i).score(), b.get(i).score(), 1e-9);
        }
        // l= is the new ln P: the arc into "cat" after "the" carries ln 0.5 + ln P(</s>|cat) only on the final arc
        assertEquals(-38 + 0 + 0, KBestPaths.find(l, 5).get(1).score(), 1e-12);
        assertEquals(-30 + 7 * Math.log(0.5 * 0.5 * 0.5) - 4, r.score(r.best()).total(), 1e-9);
        assertEquals(List.of("the", "cat"), r.best().words());
    }

    private static String gunzip(Path file) {
        try (var in = new java.util.zip.GZIPInputStream(java.nio.file.Files.newInputStream(file))) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
