package org.lmrescore.lattice;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SrilmNBestWriterTest {
    @TempDir
    Path dir;

    /** One bytelog is 1024 / 10000.5 nats. */
    static final double BYTELOG = 1024 / 10000.5;

    /**
     * "yes no" from 0 to 0.40 and 0.40 to 0.80 s, acoustic -150 bytelog, new LM ln P -100 bytelog;
     * lmscale 2, penalty -1 per word: total -150 - 200 - 2 / BYTELOG = -369.53 bytelog. The second
     * hypothesis has a filler, which is left out.
     */
    @Test
    void nbestList2AsSrilmWritesItAndReadsItBack() throws Exception {
        ScoreWeights weights = ScoreWeights.of(2, -1).withFirstPassWeight(0);
        Hypothesis yesNo = new Hypothesis(List.of("yes", "no"), -150 * BYTELOG, -7, new double[] {0, 0.40},
                new double[] {0.40, 0.80});
        Hypothesis yes = new Hypothesis(List.of("<sil>", "yes"), -160 * BYTELOG, -7, new double[] {0, 0.10},
                new double[] {0.10, 0.80});
        double total1 = weights.total(yesNo.acoustic(), -100 * BYTELOG, 2, yesNo.firstPassLm());
        double total2 = weights.total(yes.acoustic(), -50 * BYTELOG, 1, yes.firstPassLm());
        List<ScoredHypothesis> list = List.of(new ScoredHypothesis(yesNo, -100 * BYTELOG, 2, total1),
                new ScoredHypothesis(yes, -50 * BYTELOG, 1, total2));
        assertTrue(SrilmNBestWriter.hasTimes(list));
        StringWriter w = new StringWriter();
        SrilmNBestWriter.writeNBestList2(w, list, weights);
        assertEquals("""
                NBestList2.0
                (-370) yes ( st: 0.00 et: 0.39 g: -100 a: -150 ) no ( st: 0.40 et: 0.79 g: 0 a: 0 )
                (-270) yes ( st: 0.10 et: 0.79 g: -50 a: -160 )
                """, w.toString());

        NBestList read = SrilmNBestReader.read(Fixtures.write(dir, "u.nbest", w.toString()));
        Hypothesis back = read.hypotheses().get(0);
        assertEquals(List.of("yes", "no"), back.tokens());
        assertEquals(yesNo.acoustic(), back.acoustic(), 1e-9, "the rest of the total is SRILM's acoustic score");
        assertEquals(-100 * BYTELOG, back.firstPassLm(), 1e-9, "the new LM's ln P is SRILM's LM score");
        assertArrayEquals(yesNo.begin(), back.begin(), 1e-9);
        assertArrayEquals(yesNo.end(), back.end(), 1e-9);
        assertEquals(List.of("yes"), read.hypotheses().get(1).tokens());
    }

    @Test
    void plainFormatIsExactLog10AndListsWithoutTimesAreNotNBestList2() throws Exception {
        ScoreWeights weights = ScoreWeights.of(10, 0).withFirstPassWeight(0.5);
        double ln10 = Math.log(10);
        Hypothesis h = Hypothesis.of(List.of("a", "b"), -100 * ln10, -2 * ln10);
        List<ScoredHypothesis> list = List.of(new ScoredHypothesis(h, -ln10, 2, 0));
        assertFalse(SrilmNBestWriter.hasTimes(list));
        StringWriter w = new StringWriter();
        SrilmNBestWriter.writePlain(w, list, weights);
        // ascore = (-100 ln 10 + 0.5 x -2 ln 10) / ln 10 = -101; lscore = -1
        assertEquals("-101.000000 -1.000000 2 a b\n", w.toString());
    }
}
