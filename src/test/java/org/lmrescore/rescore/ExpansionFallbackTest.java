package org.lmrescore.rescore;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmrescore.lattice.ScoreWeights;
import org.lmrescore.lattice.SlfReader;
import org.lmrescore.lattice.Utterance;
import org.lmrescore.lm.BigramTestModel;
import org.lmrescore.rescore.UtteranceResult.Fallback;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A lattice over the expansion's arc budget is rescored by a cheaper way, recorded, not lost. */
class ExpansionFallbackTest {
    @TempDir
    Path dir;

    /**
     * A sausage of 6 slots with 4 words each: word 0 of every slot scores 99 above the others,
     * so the fallback's prune beam of 50 leaves one path and the default beam of 150 leaves all.
     */
    private Utterance sausage() throws Exception {
        int slots = 6;
        int alternatives = 4;
        StringBuilder b = new StringBuilder("VERSION=1.0\nUTTERANCE=s\nlmscale=1.0 wdpenalty=0.0\n");
        b.append("N=").append(slots + 1).append(" L=").append(slots * alternatives).append('\n');
        for (int v = 0; v <= slots; v++) {
            b.append("I=").append(v).append('\n');
        }
        List<String> words = new ArrayList<>();
        int j = 0;
        for (int s = 0; s < slots; s++) {
            for (int a = 0; a < alternatives; a++) {
                String w = "w" + s + "_" + a;
                words.add(w);
                b.append("J=").append(j++).append(" S=").append(s).append(" E=").append(s + 1).append(" W=").append(w)
                        .append(" a=").append(a == 0 ? -1 : -100).append(" l=0\n");
            }
        }
        Path f = dir.resolve("s.slf");
        Files.writeString(f, b);
        return Utterance.of(f, SlfReader.read(f));
    }

    private UtteranceResult rescore(Utterance u, long maxArcs) {
        BigramTestModel lm = BigramTestModel.withVocabulary(List.of(), 0.5);
        RescoreSettings settings = new RescoreSettings(ScoreWeights.of(1, 0), 4, 500, 100, 10, false, 150, maxArcs);
        return new UtteranceRescorer(new Scorer(lm, settings.weights()), settings, dir.resolve("out"), null).rescore(u);
    }

    @Test
    void overTheBudgetTheLatticeIsPrunedHarderThenRescoredAsNBest() throws Exception {
        Utterance u = sausage();
        List<String> best = List.of("w0_0", "w1_0", "w2_0", "w3_0", "w4_0", "w5_0");
        UtteranceResult full = rescore(u, 1_000_000);
        assertEquals(Fallback.NONE, full.fallback());
        assertEquals(best, full.best().hypothesis().words());
        UtteranceResult pruned = rescore(u, 20);  // full expansion: 4 + 16 + ... arcs; one path: 6
        assertEquals(Fallback.PRUNED, pruned.fallback());
        assertEquals(best, pruned.best().hypothesis().words());
        UtteranceResult nbest = rescore(u, 3);
        assertEquals(Fallback.NBEST, nbest.fallback());
        assertEquals(best, nbest.best().hypothesis().words());
        assertEquals(full.best().total(), nbest.best().total(), 1e-9);

        BatchRescorer.Outcome outcome = new BatchRescorer.Outcome(List.of(full, pruned), List.of(), 0);
        RunSummary summary = RunSummary.of(outcome, new Scorer(BigramTestModel.withVocabulary(List.of(), 0.5),
                ScoreWeights.of(1, 0)), null, null);
        String json = summary.toJson().toString();
        assertTrue(json.contains("\"fallbacks\": [\"s: pruned\"]"), json);
    }

    /** The library entry point goes through the same pipeline: past the budget it falls back instead of failing. */
    @Test
    void sphinxRescorerFallsBackAsRescoreDoes() throws Exception {
        Utterance u = sausage();
        RescoreSettings settings = new RescoreSettings(ScoreWeights.of(1, 0), 4, 500, 100, 10, false, 150, 3);
        org.lmrescore.sphinx.SphinxRescorer rescorer =
                new org.lmrescore.sphinx.SphinxRescorer(BigramTestModel.withVocabulary(List.of(), 0.5), settings);
        assertEquals("w0_0 w1_0 w2_0 w3_0 w4_0 w5_0", rescorer.rescore(u.lattice()).transcript());
        assertEquals(null, rescorer.rescoreLattice(u.lattice()), "no expansion fits 3 arcs");
    }
}
