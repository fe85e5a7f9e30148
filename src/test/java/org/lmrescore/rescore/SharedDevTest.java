package org.lmrescore.rescore;

import org.junit.jupiter.api.Test;
import org.lmrescore.SharedData;
import org.lmrescore.lattice.InputFiles;
import org.lmrescore.lattice.KBestPaths;
import org.lmrescore.lattice.ScoreWeights;
import org.lmrescore.lattice.SphinxLatReader;
import org.lmrescore.lattice.TestModels;
import org.lmrescore.lattice.Utterance;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shared Sphinx dev set, end to end through the batch rescorer. */
class SharedDevTest {
    @Test
    void oraclesMatchTheFiguresSphinxsToolsReport() {
        // summary.txt: 100-best oracle WER 14.38%, lattice oracle WER 14.21% over 4765 words
        Path ref = SharedData.require("speech/dev/ref.trn");
        Path lat = SharedData.require("speech/dev/sphinx/lat");
        Path nbest = SharedData.require("speech/dev/sphinx/nbest");
        Scorer scorer = new Scorer(TestModels.theCat(), ScoreWeights.of(8, 0));
        var refs = RunSummary.readReferences(ref);
        RescoreSettings lattice = new RescoreSettings(scorer.weights(), 4, 500, 100, 0, false);
        BatchRescorer.Outcome a = BatchRescorer.run(InputFiles.resolve(lat), new UtteranceRescorer(scorer, lattice, null, refs), 2, true, null);
        assertEquals(539, a.results().size());
        String ja = RunSummary.of(a, scorer, ref, null).toJson().toString();
        assertTrue(ja.contains("\"oracle_wer\": 14.208"), ja);
        BatchRescorer.Outcome b = BatchRescorer.run(InputFiles.resolve(nbest), new UtteranceRescorer(scorer, lattice, null, refs), 2, true, null);
        String jb = RunSummary.of(b, scorer, ref, null).toJson().toString();
        assertTrue(jb.contains("\"oracle_wer\": 14.376"), jb);
    }

    @Test
    void withOnlyTheFirstPassScoreTheRescoredBestIsTheLatticesBestPath() {
        Path lat = SharedData.require("speech/dev/sphinx/lat");
        Scorer scorer = new Scorer(TestModels.theCat(), new ScoreWeights(1, 0, 0, 1, false, -16));
        RescoreSettings s = new RescoreSettings(scorer.weights(), 4, 1e9, 1000, 0, false);
        UtteranceRescorer r = new UtteranceRescorer(scorer, s, null, null);
        List<Path> files = InputFiles.resolve(lat).subList(0, 60);
        for (Path f : files) {
            var in = SphinxLatReader.read(f);
            UtteranceResult u = r.rescore(org.lmrescore.lattice.Utterance.of(f, in));
            assertEquals(KBestPaths.best(in).score(), u.best().total(), 1e-6 * Math.abs(u.best().total()), f.toString());
            assertEquals(u.before(), u.best().hypothesis().words(), f.toString());
        }
    }
}
