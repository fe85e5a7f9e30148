package org.lmrescore.rescore;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmrescore.lattice.InputFiles;
import org.lmrescore.lattice.ScoreWeights;
import org.lmrescore.lattice.ScoredHypothesis;
import org.lmrescore.lattice.TestModels;
import org.lmrescore.util.InputFormatException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchRescorerTest {
    @TempDir
    Path dir;

    private static final String GOOD = """
            N=4 L=4
            I=0 t=0.0
            I=1 t=0.4
            I=2 t=0.5
            I=3 t=0.9
            J=0 S=0 E=1 W=the a=-10 l=-1
            J=1 S=0 E=2 W=a a=-9 l=-1
            J=2 S=1 E=3 W=cat a=-10 l=-1
            J=3 S=2 E=3 W=cat a=-10 l=-1
            """;

    /** The same utterance id in two files: the first file's result is kept, the second is skipped naming both. */
    @Test
    void duplicateIdsAcrossFilesAreRefusedNamingBothFiles() throws Exception {
        Path a = Files.createDirectories(dir.resolve("a"));
        Path b = Files.createDirectories(dir.resolve("b"));
        Files.writeString(a.resolve("u1.slf"), GOOD);
        Files.writeString(b.resolve("u1.slf"), GOOD.replace("W=the a=-10", "W=the a=-1"));  // first pass: "the cat"
        Scorer scorer = new Scorer(TestModels.theCat(), ScoreWeights.of(10, 0));
        RescoreSettings settings = new RescoreSettings(scorer.weights(), 4, 100, 10, 5, false);
        UtteranceRescorer rescorer = new UtteranceRescorer(scorer, settings, null, null);
        for (int threads : new int[] {1, 2}) {
            BatchRescorer.Outcome outcome = BatchRescorer.run(List.of(a.resolve("u1.slf"), b.resolve("u1.slf")), rescorer,
                    threads, false, null);
            assertEquals(1, outcome.results().size());
            assertEquals(List.of("a", "cat"), outcome.results().get(0).before(), "the first file's lattice");
            assertEquals(1, outcome.failures().size());
            String m = outcome.failures().get(0).message();
            assertTrue(m.contains(b.resolve("u1.slf").toString()) && m.contains(a.resolve("u1.slf").toString())
                    && m.contains("'u1'"), m);
        }
    }

    @Test
    void badFilesAreReportedAndTheRestRescored() throws Exception {
        Path in = Files.createDirectory(dir.resolve("in"));
        Files.writeString(in.resolve("u1.slf"), GOOD);
        Files.writeString(in.resolve("u2.slf"), GOOD.replace("E=3 W=cat a=-10 l=-1\n", "E=3 W=cat a=-10 l=-1\nJ=4 S=3 E=0 W=x\n")
                .replace("L=4", "L=6"));
        Files.writeString(in.resolve("u3.slf"), GOOD.replace("S=2 E=3", "S=2 E=8"));
        Files.writeString(in.resolve("u4.nbest"), "-20 0 2 the cat\n-19 0 2 a cat\n");
        Scorer scorer = new Scorer(TestModels.theCat(), ScoreWeights.of(10, 0));
        RescoreSettings settings = new RescoreSettings(scorer.weights(), 4, 100, 10, 5, false);
        Path out = dir.resolve("out");
        Map<String, List<String>> refs = Map.of("u1", List.of("the", "cat"), "u4", List.of("a", "cat"));
        UtteranceRescorer rescorer = new UtteranceRescorer(scorer, settings, out.resolve("lattices"), refs);
        List<Path> files = org.lmrescore.lattice.InputFiles.resolve(in);
        BatchRescorer.Outcome outcome = BatchRescorer.run(files, rescorer, 2, false, null);
        assertEquals(2, outcome.results().size());
        assertEquals(2, outcome.failures().size());
        assertTrue(outcome.failures().get(0).message().contains("cycle"), outcome.failures().get(0).message());
        assertTrue(outcome.failures().get(1).message().contains("u3.slf:9: link refers to node 8"),
                outcome.failures().get(1).message());
        UtteranceResult u1 = outcome.results().get(0);
        assertEquals(List.of("a", "cat"), u1.before()); // first pass: -21 vs -22
        assertEquals(List.of("the", "cat"), u1.best().hypothesis().words()); // the LM prefers "the cat"
        assertEquals(List.of("the", "cat"), u1.oracle());
        assertEquals(List.of("the", "cat"), outcome.results().get(1).best().hypothesis().words());

        OutputFiles.write(out, outcome.results(), scorer.weights(), false, org.lmrescore.eval.ConfidenceMap.IDENTITY, null);
        assertEquals(List.of("the cat (u1)", "the cat (u4)"), Files.readAllLines(out.resolve(OutputFiles.BEST_TRN)));
        assertEquals(List.of("a cat (u1)", "the cat (u4)"), Files.readAllLines(out.resolve(OutputFiles.BEFORE_TRN)));
        // the confidence column: each word's posterior at scale 1 / lmscale, by hand from the two paths' totals;
        // "cat" is on both paths
        List<org.lmrescore.lattice.ScoredHypothesis> paths = u1.nbest();
        double the = 1 / (1 + Math.exp((paths.get(1).total() - paths.get(0).total()) / 10));
        assertEquals(List.of(String.format(java.util.Locale.ROOT, "u1 1 0.00 0.40 the %.4f", the), "u1 1 0.40 0.50 cat 1.0000"),
                Files.readAllLines(out.resolve(OutputFiles.BEST_CTM)));
        assertTrue(Files.exists(out.resolve("lattices/u1.slf.gz")));

        Path ref = Files.writeString(dir.resolve("ref.trn"), "the cat (u1)\na cat (u4)\nthe dog (u5)\n");
        RunSummary s = RunSummary.of(outcome, scorer, ref, null);
        String json = s.toJson().toString();
        // WER over the rescored utterances u1, u4 (u5 has no input): 4 reference words.
        // before: u1 "a cat" 1 sub, u4 "the cat" 1 sub -> 2/4; after: u1 right -> 1/4
        assertTrue(json.contains("\"reference_words\": 4"), json);
        assertTrue(json.contains("\"wer_before\": 50.0"), json);
        assertTrue(json.contains("\"wer_after\": 25.0"), json);
        // oracle: u1 0, u4 0
        assertTrue(json.contains("\"oracle_wer\": 0.0"), json);
        assertTrue(json.contains("\"utterances\": 2"), json);

        InputFormatException e = assertThrows(InputFormatException.class,
                () -> BatchRescorer.run(files, rescorer, 2, true, null));
        assertTrue(e.getMessage().contains("u2.slf"), e.getMessage());
    }
}
