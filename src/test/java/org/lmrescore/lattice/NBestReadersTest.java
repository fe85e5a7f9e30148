package org.lmrescore.lattice;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmrescore.SharedData;
import org.lmrescore.util.InputFormatException;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NBestReadersTest {
    @TempDir
    Path dir;

    @Test
    void srilmPlainFormatIsLog10() {
        Path f = Fixtures.write(dir, "u1.score", "-100.5 -3 2 hello world\n-101 -2.5 1 hello\n");
        assertEquals(InputFormat.SRILM_NBEST, InputFormat.detect(f));
        NBestList l = SrilmNBestReader.read(f);
        assertEquals("u1", l.id());
        assertEquals(2, l.hypotheses().size());
        Hypothesis h = l.hypotheses().get(0);
        assertEquals(List.of("hello", "world"), h.tokens());
        assertEquals(-100.5 * Math.log(10), h.acoustic(), 1e-9);
        assertEquals(-3 * Math.log(10), h.firstPassLm(), 1e-9);
    }

    @Test
    void decipherFormatsAreBytelog() {
        Path one = Fixtures.write(dir, "a.nbest", "NBestList1.0\n(-1024) yes no\n(-2048) yes\n");
        NBestList l1 = SrilmNBestReader.read(one);
        // bytelog -1024 = ln(1.0001^(-1024 * 1024)) / 1024 ... i.e. -1024 * 1024 / 10000.5 nats
        assertEquals(-1024 * 1024 / 10000.5, l1.hypotheses().get(0).acoustic(), 1e-9);
        assertEquals(List.of("yes", "no"), l1.hypotheses().get(0).tokens());

        Path two = Fixtures.write(dir, "b.nbest", "NBestList2.0\n"
                + "(-300) yes ( st: 0.00 et: 0.40 g: -100 a: -150 ) y-1 ( st: 0.10 et: 0.20 g: 0 a: 0 )"
                + " no ( st: 0.41 et: 0.80 g: -20 a: -30 )\n");
        Hypothesis h = SrilmNBestReader.read(two).hypotheses().get(0);
        assertEquals(List.of("yes", "no"), h.tokens());
        assertEquals(-180 * 1024 / 10000.5, h.acoustic(), 1e-9);
        assertEquals(-120 * 1024 / 10000.5, h.firstPassLm(), 1e-9);
        assertEquals(0.41, h.begin()[1]);
        assertEquals(0.81, h.end()[1], 1e-9, "et: is the start of the last 10 ms frame");
        Path backwards = Fixtures.write(dir, "c.nbest", "NBestList2.0\n(-10) a ( st: 0.50 et: 0.10 g: 1 a: 1 )\n");
        InputFormatException e = assertThrows(InputFormatException.class, () -> SrilmNBestReader.read(backwards));
        assertTrue(e.getMessage().contains("c.nbest:2") && e.getMessage().contains("st: 0.50 et: 0.10"), e.getMessage());
    }

    /** Text in no known format is not read as an rnnlm list (which has no header to recognise it by). */
    @Test
    void unrecognisedTextIsAnErrorNotAnRnnlmList() throws Exception {
        String[][] cases = {
            {"misspelt-dump.lat", "nodes: 0 <s> 0 12\nedge: 0 1 -10 -2\n", "1", "nodes:"},
            {"pom.xml", "<?xml version=\"1.0\"?>\n<project>\n", "1", "<?xml"},
            {"config.json", "{ \"a\": 1 }\n", "1", "{"},
            {"notes.txt", "hello world this is text\nanother line\n", "1", "hello"},
        };
        for (String[] c : cases) {
            Path f = Fixtures.write(dir, c[0], c[1]);
            InputFormatException e = assertThrows(InputFormatException.class, () -> InputFormat.read(f), c[0]);
            assertTrue(e.getMessage().startsWith(f + ":" + c[2] + ":"), e.getMessage());
            assertTrue(e.getMessage().contains("not a recognised input format") && e.getMessage().contains("'" + c[3] + "'")
                    && e.getMessage().contains("SLF"), e.getMessage());
        }
        // a Kaldi text lattice is read as one, never as an rnnlm list of utterance "0" saying "1 hello 10.5,..."
        Path kaldi = Fixtures.write(dir, "kaldi.txt", "utt1\n0 1 hello 10.5,200.25,1_2_3\n1\n");
        assertEquals(InputFormat.KALDI_LAT, InputFormat.detect(kaldi));
        assertEquals(List.of("hello"), KBestPaths.best(InputFormat.read(kaldi).get(0).lattice()).words());
        Path binary = dir.resolve("model.bin");
        java.nio.file.Files.write(binary, new byte[] {'u', '1', ' ', 'a', 0, 1, 2, (byte) 0xff, '\n'});
        assertThrows(InputFormatException.class, () -> InputFormat.read(binary));
        // forced, the rnnlm format takes any tokens; a format name that does not exist is an error
        Path odd = Fixtures.write(dir, "odd.txt", "u1 a=b c,d\n");
        assertEquals(List.of("a=b", "c,d"),
                InputFormat.read(odd, InputFormat.named("rnnlm-nbest")).get(0).nbest().hypotheses().get(0).tokens());
        assertEquals(null, InputFormat.named("auto"));
        assertEquals(InputFormat.SLF, InputFormat.named("slf"));
        assertThrows(InputFormatException.class, () -> InputFormat.named("kaldi"));
        assertEquals(InputFormat.KALDI_LAT, InputFormat.named("kaldi-lat"));
        // plain words, markup tokens and fillers still read
        Path ok = Fixtures.write(dir, "ok.txt", "utt-1 <s> don't [noise] 3:30 </s>\nutt-1 <unk> o'clock\n");
        assertEquals(1, InputFormat.read(ok).size());
        assertEquals(List.of("<s>", "don't", "[noise]", "3:30", "</s>"),
                RnnlmNBestReader.read(ok).get(0).hypotheses().get(0).tokens());
    }

    @Test
    void rnnlmListsGroupConsecutiveIds() {
        Path f = Fixtures.write(dir, "list.txt", "u1 a b\nu1 a c\nu2 d\n");
        assertEquals(InputFormat.RNNLM_NBEST, InputFormat.detect(f));
        List<NBestList> lists = RnnlmNBestReader.read(f);
        assertEquals(2, lists.size());
        assertEquals("u2", lists.get(1).id());
        assertEquals(List.of("a", "c"), lists.get(0).hypotheses().get(1).tokens());
    }

    @Test
    void sphinxNBestChecksWordCounts() {
        Path f = Fixtures.write(dir, "x.nbest", "# utt=x scores: log base 1.0001\n# rank\ttotal\tam\tlm\tnwords\twords\n"
                + "1\t-30\t-20\t-10\t2\tyes no\n");
        assertEquals(InputFormat.SPHINX_NBEST, InputFormat.detect(f));
        Hypothesis h = SphinxNBestReader.read(f).hypotheses().get(0);
        assertEquals(-20 * Math.log(1.0001f), h.acoustic(), 1e-12);
        Path bad = Fixtures.write(dir, "bad.nbest", "1\t-30\t-20\t-10\t3\tyes no\n");
        InputFormatException e = assertThrows(InputFormatException.class, () -> SphinxNBestReader.read(bad));
        assertEquals(1, e.line());
        assertTrue(e.getMessage().contains("word count says 3"), e.getMessage());
    }

    @Test
    void ownTsvRoundTrips() {
        Hypothesis a = Hypothesis.of(List.of("the", "cat"), -30, -6);
        Hypothesis b = Hypothesis.of(List.of("a", "cat"), -31, -5);
        ScoreWeights w = ScoreWeights.of(10, 0.5);
        List<ScoredHypothesis> scored = List.of(new ScoredHypothesis(a, -2.5, 2, -30 - 25 + 1),
                new ScoredHypothesis(b, -3, 2, -31 - 30 + 1));
        Path f = dir.resolve("out.tsv");
        TsvNBest.write(f, List.of("u1"), List.of(scored), w);
        assertEquals(InputFormat.TSV_NBEST, InputFormat.detect(f));
        List<NBestList> back = TsvNBest.read(f);
        assertEquals(1, back.size());
        Hypothesis h = back.get(0).hypotheses().get(0);
        assertEquals(List.of("the", "cat"), h.tokens());
        assertEquals(-30, h.acoustic(), 1e-6);
        assertEquals(-25, h.firstPassLm(), 1e-6); // the weighted LM score of the rescoring
    }

    @Test
    void readsTheSharedSphinxNBest() {
        Path f = SharedData.require("speech/dev/sphinx/nbest/arctic_b0001_1592701278.nbest");
        NBestList l = SphinxNBestReader.read(f);
        assertEquals(23, l.hypotheses().size());
        assertEquals(List.of("dat", "you", "i", "remember", "it"), l.hypotheses().get(0).words());
        assertEquals(-274274476.0 * Math.log(1.0001f), l.hypotheses().get(0).acoustic(), 1e-6);
    }
}
