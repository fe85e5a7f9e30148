package org.lmrescore.eval;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmrescore.util.InputFormatException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfidenceScoreTest {
    @TempDir
    Path dir;

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /**
     * Reference "a b c d"; the ctm (lines out of time order, a filler among them) says "a x c d"
     * with confidences 0.9 0.2 0.8 0.6: three correct, "x" wrong. By hand: p = 3/4,
     * H = -(3 log2 0.75 + log2 0.25), NCE = (H + log2 0.9 + log2 0.8 + log2 0.6 + log2(1 - 0.2)) / H.
     */
    @Test
    void nceByHandFromACtmWithConfidences() throws Exception {
        Path ref = Files.writeString(dir.resolve("ref.trn"), "a b c d (u1)\n");
        Path ctm = Files.writeString(dir.resolve("hyp.ctm"), """
                ;; a comment
                u1 1 0.50 0.20 x 0.2000
                u1 1 0.00 0.40 a 0.9000
                u1 1 0.70 0.10 <sil> 0.9900
                u1 1 0.80 0.30 c 0.8000
                u1 1 1.10 0.30 d 0.6000
                """);
        Transcripts hyps = TranscriptReader.read(ctm);  // detected as ctm
        assertEquals(List.of("a", "x", "<sil>", "c", "d"), hyps.words("u1"));
        TokenFilter filter = TokenFilter.of(true, TokenFilter.DEFAULT_FILLERS);
        WerScorer scorer = new WerScorer(filter, SpeakerRule.DEFAULT, Aligner.SCLITE, false);
        ScoreReport report = scorer.score(TranscriptReader.read(ref), hyps);
        assertEquals(1, report.totals().errors());
        ConfidenceScore s = ConfidenceScore.of(CtmReader.readIfCtm(ctm, TranscriptFormat.AUTO), report, filter);
        double h = -(3 * log2(0.75) + log2(0.25));
        double expected = (h + log2(0.9) + log2(0.8) + log2(0.6) + log2(0.8)) / h;
        assertEquals(expected, s.nce(), 1e-12);
        assertEquals(4, s.words());
        assertEquals(3, s.correct());
        assertEquals((0.9 + 0.2 + 0.8 + 0.6) / 4, s.meanConfidence(), 1e-12);
        assertTrue(s.nce() > 0 && s.nce() < 1);
    }

    @Test
    void withoutTheColumnOrForAnotherFormatThereIsNoScore() throws Exception {
        Path ref = Files.writeString(dir.resolve("ref.trn"), "a b (u1)\n");
        Path ctm = Files.writeString(dir.resolve("plain.ctm"), "u1 1 0.00 0.40 a\nu1 1 0.40 0.40 b\n");
        WerScorer scorer = new WerScorer(TokenFilter.SCLITE, SpeakerRule.DEFAULT, Aligner.SCLITE, false);
        ScoreReport report = scorer.score(TranscriptReader.read(ref), TranscriptReader.read(ctm));
        assertEquals(0, report.totals().errors());
        assertNull(ConfidenceScore.of(CtmReader.readIfCtm(ctm, TranscriptFormat.AUTO), report, TokenFilter.SCLITE));
        assertNull(CtmReader.readIfCtm(ref, TranscriptFormat.AUTO), "a trn file is not a ctm");
    }

    @Test
    void malformedCtmLinesNameTheLine() throws Exception {
        Path mixed = Files.writeString(dir.resolve("mixed.ctm"), "u1 1 0.00 0.40 a 0.5\nu1 1 0.40 0.40 b\n");
        InputFormatException e = assertThrows(InputFormatException.class, () -> TranscriptReader.read(mixed));
        assertTrue(e.getMessage().contains("mixed.ctm:2") && e.getMessage().contains("confidence column"), e.getMessage());
        Path range = Files.writeString(dir.resolve("range.ctm"), "u1 1 0.00 0.40 a 1.5\n");
        e = assertThrows(InputFormatException.class, () -> TranscriptReader.read(range, TranscriptFormat.CTM));
        assertTrue(e.getMessage().contains("range.ctm:1") && e.getMessage().contains("[0, 1]"), e.getMessage());
        Path time = Files.writeString(dir.resolve("time.ctm"), "u1 1 0.00 0.40 a\nu1 1 zero 0.40 b\n");
        e = assertThrows(InputFormatException.class, () -> TranscriptReader.read(time));
        assertTrue(e.getMessage().contains("time.ctm:2") && e.getMessage().contains("start time"), e.getMessage());
        // a NaN on the first line still makes the file a ctm (and an error), not plain text scored as words
        Path nan = Files.writeString(dir.resolve("nan.ctm"), "u1 1 0.00 NaN a 0.5\n");
        e = assertThrows(InputFormatException.class, () -> TranscriptReader.read(nan));
        assertTrue(e.getMessage().contains("nan.ctm:1") && e.getMessage().contains("duration"), e.getMessage());
    }
}
