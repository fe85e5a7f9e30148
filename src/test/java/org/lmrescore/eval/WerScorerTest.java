package org.lmrescore.eval;

import org.junit.jupiter.api.Test;
import org.lmrescore.util.InputFormatException;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WerScorerTest {
    private static List<String> w(String s) {
        return s.isEmpty() ? List.of() : Arrays.asList(s.split(" "));
    }

    private static Transcripts of(String... idAndText) {
        Transcripts.Builder b = Transcripts.builder();
        for (int i = 0; i < idAndText.length; i += 2) {
            b.add(idAndText[i], w(idAndText[i + 1]));
        }
        return b.build();
    }

    @Test
    void totalsAddUpOverUtterances() {
        Transcripts ref = of("a_1", "the cat sat", "a_2", "a b", "b_1", "on the mat");
        Transcripts hyp = of("a_1", "the bat sat", "a_2", "b c", "b_1", "on the mat");
        ScoreReport r = WerScorer.standard().score(ref, hyp);
        ErrorCounts t = r.totals();
        // a_1: 1 S; a_2: D C I; b_1: correct
        assertEquals(8, t.n());
        assertEquals(6, t.corr());
        assertEquals(1, t.sub());
        assertEquals(1, t.del());
        assertEquals(1, t.ins());
        assertEquals(100.0 * 3 / 8, t.wer(), 1e-12);
        assertEquals(3, t.sentences());
        assertEquals(2, t.sentenceErrors());
        assertEquals(100.0 * 2 / 3, t.ser(), 1e-12);
    }

    @Test
    void missingHypothesisCountsAsAllDeletionsAndIsListed() {
        Transcripts ref = of("u1", "a b c", "u2", "d e");
        Transcripts hyp = of("u1", "a b c");
        ScoreReport r = WerScorer.standard().score(ref, hyp);
        assertEquals(List.of("u2"), r.missingHypotheses());
        assertEquals(2, r.totals().del());
        assertEquals(40.0, r.totals().wer(), 1e-12);
        assertTrue(r.utterance("u2").missingHypothesis());
        assertFalse(r.utterance("u1").missingHypothesis());
    }

    @Test
    void unknownHypothesisIdIsAnErrorWithFileAndLineUnlessAllowed() {
        Transcripts ref = of("u1", "a");
        Transcripts hyp = Transcripts.builder(Path.of("hyp.trn"))
                .add("u1", w("a"), 1).add("u9", w("b"), 2).build();
        InputFormatException e = assertThrows(InputFormatException.class, () -> WerScorer.standard().score(ref, hyp));
        assertTrue(e.getMessage().startsWith("hyp.trn:2: utterance id 'u9' is not in the reference"), e.getMessage());

        WerScorer lenient = new WerScorer(TokenFilter.NONE, SpeakerRule.DEFAULT, Aligner.SCLITE, true);
        ScoreReport r = lenient.score(ref, hyp);
        assertEquals(List.of("u9"), r.unknownHypotheses());
        assertEquals(0, r.totals().errors());
    }

    @Test
    void speakersComeFromThePrefixBeforeTheFirstUnderscoreOrHyphen() {
        assertEquals("spk1", SpeakerRule.DEFAULT.speakerOf("spk1_utt2"));
        assertEquals("spk1", SpeakerRule.DEFAULT.speakerOf("spk1-utt2_x"));
        assertEquals("lonely", SpeakerRule.DEFAULT.speakerOf("lonely"));
        assertEquals("utt", SpeakerRule.of("^[a-z]+_([a-z]+)").speakerOf("arctic_utt0001"));

        Transcripts ref = of("s1_a", "a b", "s1_b", "c d", "s2_a", "e f");
        Transcripts hyp = of("s1_a", "a x", "s1_b", "c d", "s2_a", "");
        ScoreReport r = WerScorer.standard().score(ref, hyp);
        assertTrue(r.hasSpeakers());
        assertEquals(1, r.bySpeaker().get("s1").errors());
        assertEquals(4, r.bySpeaker().get("s1").n());
        assertEquals(2, r.bySpeaker().get("s2").del());
    }

    @Test
    void jsonSummaryKeepsTheFieldNamesScriptsParse() {
        ScoreReport r = WerScorer.standard().score(of("u1", "a b c d"), of("u1", "a x c"));
        String json = r.toJson().toString();
        assertTrue(json.startsWith("{\"n\": 4, \"corr\": 2, \"sub\": 1, \"del\": 1, \"ins\": 0, \"err\": 2, \"wer\": 50.0, "
                + "\"sentences\": 1, \"sentence_errors\": 1, \"ser\": 100.0"), json);
    }

    @Test
    void summaryTableShowsPercentagesAndCounts() {
        ScoreReport r = WerScorer.standard().score(of("u1", "a b c d"), of("u1", "a x c"));
        String table = SummaryTable.format(r);
        assertTrue(table.contains("| Sum/Avg  |      1       4 |  50.0   25.0   25.0    0.0   50.0  100.0 |"), table);
        assertTrue(table.contains("WER 50.00% [ 2 / 4, 1 sub, 1 del, 0 ins ]"), table);
    }

    /** Kaldi's compute-wer line: insertions first, as Kaldi prints them. */
    @Test
    void kaldiSummaryLine() {
        ErrorCounts c = new ErrorCounts(239, 196, 39, 4, 7, 30, 21);
        assertEquals("%WER 20.92 [ 50 / 239, 7 ins, 4 del, 39 sub ]\n%SER 70.00 [ 21 / 30 ]\n"
                + "Scored 30 sentences, 2 not present in hyp.\n", c.kaldiSummary(2).replace(System.lineSeparator(), "\n"));
    }
}
