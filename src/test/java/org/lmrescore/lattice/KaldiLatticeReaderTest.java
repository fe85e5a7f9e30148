package org.lmrescore.lattice;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmrescore.util.InputFormatException;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kaldi text lattices, hand-made: two utterances in one archive, the same lattice as a
 * CompactLattice and as a Lattice (one arc per frame), integer labels with and without words.txt.
 */
class KaldiLatticeReaderTest {
    @TempDir
    Path dir;

    private static final String WORDS = "<eps> 0\nthe 1\ncat 2\nhat 3\n<unk> 4\n";

    /**
     * utt1: the (graph 1.5, acoustic 10, 3 frames) then cat (2, 20, 2 frames) or hat (0.5, 25,
     * 2 frames); state 2 final with weight One, state 3 with weight 0.25,1. Paths: "the cat"
     * total cost 1.5+10+2+20 = 33.5, "the hat" 1.5+10+0.5+25+0.25+1 = 38.25.
     */
    private static final String COMPACT = "utt1 \n"
            + "0\t1\t1\t1.5,10,5_5_7\n"
            + "1\t2\t2\t2,20,9_9\n"
            + "1\t3\t3\t0.5,25,11_12\n"
            + "2\n"
            + "3\t0.25,1,\n"
            + "\n"
            + "utt2 \n"
            + "0\t1\t3\t4,5,1\n"
            + "1\t1,2,\n"
            + "\n";

    @Test
    void aCompactLatticeArchiveIsReadWithItsCostsWordsAndFrameTimes() {
        Path f = Fixtures.write(dir, "lat.1.txt", COMPACT);
        Path words = Fixtures.write(dir, "words.txt", WORDS);
        assertEquals(InputFormat.KALDI_LAT, InputFormat.detect(f));
        List<Utterance> u = InputFormat.read(f, new ReadOptions(null, KaldiSymbols.read(words), 0.01));
        assertEquals(List.of("utt1", "utt2"), u.stream().map(Utterance::id).toList());
        Lattice l = u.get(0).lattice();
        List<LatticePath> paths = KBestPaths.distinctWords(l, 5);
        assertEquals(List.of("the", "cat"), paths.get(0).words());
        assertEquals(List.of("the", "hat"), paths.get(1).words());
        assertEquals(2, paths.size());
        double ac = 0;
        double lm = 0;
        for (int a : paths.get(0).arcs()) {
            ac += l.acoustic(a);
            lm += l.lmScore(a);
        }
        assertEquals(-(10 + 20), ac, 1e-12);
        assertEquals(-(1.5 + 2 + 0), lm, 1e-12);  // "the cat" ends in state 2, final weight One
        int cat = paths.get(0).arcs()[1];
        assertEquals(0.03, l.begin(cat), 1e-12);
        assertEquals(0.05, l.end(cat), 1e-12);
        assertEquals(List.of("hat"), KBestPaths.best(u.get(1).lattice()).words());
    }

    @Test
    void theSameLatticeWrittenArcPerFrameGivesTheSamePathsAndScores() {
        Path words = Fixtures.write(dir, "words.txt", WORDS);
        // utt1 as Kaldi's Lattice type: transition ids on the input side, the word on the arc of its first frame
        String perFrame = "utt1\n"
                + "0\t1\t5\t1\t1.5,4\n"
                + "1\t2\t5\t0\t0,3\n"
                + "2\t3\t7\t0\t0,3\n"
                + "3\t4\t9\t2\t2,10\n"
                + "4\t5\t9\t0\t0,10\n"
                + "3\t6\t11\t3\t0.5,12\n"
                + "6\t7\t12\t0\t0,13\n"
                + "5\n"
                + "7\t0.25,1\n"
                + "\n";
        ReadOptions options = new ReadOptions(null, KaldiSymbols.read(words), 0.01);
        Lattice compact = InputFormat.read(Fixtures.write(dir, "c.txt", COMPACT), options).get(0).lattice();
        Path f = Fixtures.write(dir, "p.txt", perFrame);
        assertEquals(InputFormat.KALDI_LAT, InputFormat.detect(f));
        Lattice frames = InputFormat.read(f, options).get(0).lattice();
        List<LatticePath> a = KBestPaths.distinctWords(compact, 5);
        List<LatticePath> b = KBestPaths.distinctWords(frames, 5);
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).words(), b.get(i).words());
            assertEquals(a.get(i).score(), b.get(i).score(), 1e-9);
        }
        assertEquals("kaldi-lattice", frames.header().format());
    }

    @Test
    void integerLabelsNeedTheSymbolTableAndWordsDoNot() {
        Path f = Fixtures.write(dir, "lat.txt", COMPACT);
        InputFormatException e = assertThrows(InputFormatException.class, () -> InputFormat.read(f));
        assertTrue(e.getMessage().contains("lat.txt:2") && e.getMessage().contains("--words"), e.getMessage());

        Path unknown = Fixtures.write(dir, "short-words.txt", "<eps> 0\nthe 1\n");
        InputFormatException missing = assertThrows(InputFormatException.class,
                () -> InputFormat.read(f, new ReadOptions(null, KaldiSymbols.read(unknown), 0.01)));
        assertTrue(missing.getMessage().contains("lat.txt:3") && missing.getMessage().contains("word id 2"), missing.getMessage());

        Path symbolic = Fixtures.write(dir, "sym.txt", "utt9\n0\t1\tthe\t1,2,3\n1\t2\t<eps>\t0,1,\n2\n\n");
        assertEquals(InputFormat.KALDI_LAT, InputFormat.detect(symbolic));
        assertEquals(List.of("the"), KBestPaths.best(InputFormat.read(symbolic).get(0).lattice()).words());
    }

    @Test
    void badLinesAreErrorsNamingTheLine() {
        String[][] cases = {
            {"utt1\n0\t1\tthe\t1,2,3\n1\t2\tcat\tten,2,\n2\n", ":3", "finite costs"},
            {"utt1\n0\t1\tthe\t1,2,3\n1\t2\t5\tcat\t1,2\n2\n", ":3", "earlier lines"},
            {"utt1\n0\t1\tthe\t1,2,3\n1\t1\tcat\t1,2,\n1\n", "", "cycle"},
            {"utt1\n0\t1\tthe\t1,2,3\n\n", "", "no final state"},
            {"utt1 extra\n0\t1\tthe\t1,2,3\n1\n", ":1", "utterance key"},
        };
        for (String[] c : cases) {
            Path f = Fixtures.write(dir, "bad.txt", c[0]);
            InputFormatException e = assertThrows(InputFormatException.class,
                    () -> InputFormat.read(f, InputFormat.KALDI_LAT), c[0]);
            assertTrue(e.getMessage().contains("bad.txt" + c[1]) && e.getMessage().toLowerCase().contains(c[2]),
                    c[0] + " -> " + e.getMessage());
        }
    }

    /** lattice-to-nbest's archive, forced as kaldi-nbest: one N-best list per utterance, in rank order. */
    @Test
    void kaldiNBestEntriesBecomeOneListPerUtterance() {
        Path f = Fixtures.write(dir, "nbest.txt", "utt-a-1\n0\t1\tthe\t1,10,1_1\n1\t2\tcat\t2,20,3\n2\n\n"
                + "utt-a-2\n0\t1\tthe\t1,10,1_1\n1\t2\that\t1.5,24,4\n2\n\n"
                + "utt-b-1\n0\t1\tsat\t0.5,7,2\n1\n\n");
        List<Utterance> u = InputFormat.read(f, InputFormat.KALDI_NBEST);
        assertEquals(List.of("utt-a", "utt-b"), u.stream().map(Utterance::id).toList());
        List<Hypothesis> a = u.get(0).nbest().hypotheses();
        assertEquals(List.of("the", "cat"), a.get(0).words());
        assertEquals(List.of("the", "hat"), a.get(1).words());
        assertEquals(-30, a.get(0).acoustic(), 1e-12);
        assertEquals(-2.5, a.get(1).firstPassLm(), 1e-12);
        assertEquals(0.02, a.get(0).begin()[1], 1e-12);
        Path unkeyed = Fixtures.write(dir, "plain.txt", "utt1\n0\t1\tthe\t1,10,1_1\n1\n\n");
        InputFormatException e = assertThrows(InputFormatException.class, () -> InputFormat.read(unkeyed, InputFormat.KALDI_NBEST));
        assertTrue(e.getMessage().contains("UTTERANCE-RANK"), e.getMessage());
    }

    /**
     * A rescored list written as lattice-to-nbest writes it reads back (kaldi-nbest) as the same
     * words, best first, with graph cost = -ln P and acoustic cost = -(total - lmscale ln P):
     * lmscale 10, wip -1; "the cat" ln P -3, total -40 - 30 - 2 = -72 -> costs 3, 42; the empty
     * hypothesis ln P -9, total -100 - 90 = -190 -> costs 9, 100.
     */
    @Test
    void rescoredNBestWrittenForKaldiReadsBack() throws Exception {
        ScoreWeights weights = ScoreWeights.of(10, -1);
        List<ScoredHypothesis> list = List.of(
                new ScoredHypothesis(Hypothesis.of(List.of("<s>", "the", "<sil>", "cat", "</s>"), -40, 0), -3, 2, -72),
                new ScoredHypothesis(Hypothesis.of(List.of(), -100, 0), -9, 0, -190));
        java.io.StringWriter w = new java.io.StringWriter();
        KaldiNBestWriter.write(w, "utt", list, weights, KaldiSymbols.read(Fixtures.write(dir, "words.txt", WORDS)));
        assertEquals("utt-1 \n0\t1\t1\t0,0,\n1\t2\t2\t0,0,\n2\t3.0,42.0,\n\nutt-2 \n0\t9.0,100.0,\n\n", w.toString());
        Path f = Fixtures.write(dir, "nbest.txt", w.toString());
        ReadOptions withWords = new ReadOptions(InputFormat.KALDI_NBEST, KaldiSymbols.read(dir.resolve("words.txt")), 0.01);
        List<Hypothesis> back = InputFormat.read(f, withWords).get(0).nbest().hypotheses();
        assertEquals(List.of("the", "cat"), back.get(0).words());
        assertEquals(-42, back.get(0).acoustic(), 1e-9);
        assertEquals(-3, back.get(0).firstPassLm(), 1e-9);
        assertEquals(List.of(), back.get(1).words());
        assertEquals(-100, back.get(1).acoustic(), 1e-9);
    }
}
