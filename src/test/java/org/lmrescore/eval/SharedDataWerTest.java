package org.lmrescore.eval;

import org.junit.jupiter.api.Test;
import org.lmrescore.SharedData;
import org.lmrescore.util.TextInput;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** End-to-end scoring of the Sphinx4 decode of the shared dev set. */
class SharedDataWerTest {

    @Test
    void sphinxOneBestMatchesTheIndependentlyMeasuredWer() throws IOException {
        Path ref = SharedData.require("speech/dev/ref.trn");
        Path hyp = SharedData.require("speech/dev/sphinx/hyp.trn");
        Path summary = SharedData.require("speech/dev/sphinx/summary.txt");
        ScoreReport r = WerScorer.standard().score(TranscriptReader.read(ref), TranscriptReader.read(hyp));
        ErrorCounts t = r.totals();
        assertEquals(4765, t.n());
        assertEquals(539, t.sentences());
        assertTrue(r.missingHypotheses().isEmpty());
        // The decoder's own summary states the 1-best WER (an aligner independent of this one).
        assertEquals(figure(summary, "Sphinx 1-best WER ([0-9.]+)%"), String.format(Locale.ROOT, "%.2f", t.wer()));
        // The total sclite cost 4 S + 3 (D + I) of the optimal alignments, from an independent
        // aligner with sclite's costs: 4085. Its other tie-breaking (deletion/insertion before the
        // diagonal) reaches the same cost with 791 S 132 D 175 I = 23.04%; sclite's diagonal-first
        // rule, which this aligner follows, gives 797 S 128 D 171 I = 23.00%.
        assertEquals(4085, 4 * t.sub() + 3 * (t.del() + t.ins()));
        assertEquals(797, t.sub());
        assertEquals(128, t.del());
        assertEquals(171, t.ins());
    }

    @Test
    void hundredBestOracleMatchesTheDecoderSummary() throws IOException {
        Path ref = SharedData.require("speech/dev/ref.trn");
        Path dir = SharedData.require("speech/dev/sphinx/nbest");
        Path summary = SharedData.require("speech/dev/sphinx/summary.txt");
        Transcripts refs = TranscriptReader.read(ref);
        Map<String, List<List<String>>> nbest = new LinkedHashMap<>();
        for (String id : refs.ids()) {
            Path f = dir.resolve(id + ".nbest");
            if (Files.exists(f)) {
                nbest.put(id, readNbest(f));
            }
        }
        OracleResult oracle = new NbestOracle(WerScorer.standard()).score(refs, nbest);
        assertEquals(figure(summary, "100-best oracle WER ([0-9.]+)%"),
                String.format(Locale.ROOT, "%.2f", oracle.totals().wer()));
    }

    @Test
    void oneBestAgainstLatticeBestPathSignificance() {
        // System B: the first entry of each N-best list (the lattice's best path), which differs from
        // Sphinx's 1-best in about a third of the utterances. Expected figures come from a separate
        // re-implementation of sclite's segmentation state machine (test_comp_sents) over alignments
        // from an independent aligner: 586 segments, mean A-B -0.0477816, W = -2.3588405,
        // p = 0.0183321; McNemar 17 vs 6 discordant, exact: 2 P(X <= 6 | 23, 1/2) = 0.0346897.
        Path ref = SharedData.require("speech/dev/ref.trn");
        Path dir = SharedData.require("speech/dev/sphinx/nbest");
        Path hyp = SharedData.require("speech/dev/sphinx/hyp.trn");
        Transcripts refs = TranscriptReader.read(ref);
        Transcripts.Builder firsts = Transcripts.builder();
        for (String id : refs.ids()) {
            firsts.add(id, readNbest(dir.resolve(id + ".nbest")).get(0));
        }
        ScoreReport a = WerScorer.standard().score(refs, TranscriptReader.read(hyp));
        ScoreReport b = WerScorer.standard().score(refs, firsts.build());
        Significance.Comparison c = Significance.compare(a, b, Mapsswe.Segmentation.RUNS);
        assertEquals(586, c.mapsswe().segments());
        assertEquals(1096, c.mapsswe().errorsA());
        assertEquals(1124, c.mapsswe().errorsB());
        assertEquals(-0.0477816, c.mapsswe().meanDifference(), 1e-7);
        assertEquals(-2.3588405, c.mapsswe().z(), 1e-6);
        assertEquals(0.0183321, c.mapsswe().pValue(), 1e-6);
        assertEquals(17, c.mcnemar().onlyA());
        assertEquals(6, c.mcnemar().onlyB());
        assertTrue(c.mcnemar().exact());
        assertEquals(0.0346897, c.mcnemar().pValue(), 1e-6);
    }

    /** The word column of the decoder's N-best dump ({@code rank total am lm nwords words}). */
    private static List<List<String>> readNbest(Path f) {
        List<List<String>> list = new ArrayList<>();
        try (TextInput in = TextInput.open(f)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] fields = line.split("\t", -1);
                String words = fields.length > 5 ? fields[5].strip() : "";
                list.add(words.isEmpty() ? List.of() : Arrays.asList(words.split(" +")));
            }
        }
        return list;
    }

    private static String figure(Path file, String regex) throws IOException {
        Matcher m = Pattern.compile(regex).matcher(Files.readString(file));
        assertTrue(m.find(), "no '" + regex + "' in " + file);
        return m.group(1);
    }
}
