package org.lmrescore.lm.ngram;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmrescore.SharedData;
import org.lmrescore.lm.LmState;
import org.lmrescore.lm.Vocabulary;
import org.lmrescore.util.TextInput;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SRILM-compatible cutoff mode on a corpus small enough to compute by hand, and the
 * normalisation of every context on real text.
 *
 * <pre>
 * corpus: "b" / "d c a" / "c" / "a b c" x2 / "d" x3
 * bigram counts: &lt;s&gt; a 2, &lt;s&gt; b 1, &lt;s&gt; c 1, &lt;s&gt; d 4, a &lt;/s&gt; 1, a b 2, b &lt;/s&gt; 1, b c 2,
 *                c &lt;/s&gt; 3, c a 1, d &lt;/s&gt; 3, d c 1
 *   n1..n4 = 6, 3, 2, 1; Y = 6/(6+2*3) = 1/2
 *   D1 = 1 - 2*Y*3/6 = 1/2, D2 = 2 - 3*Y*2/3 = 1, D3+ = 3 - 4*Y*1/2 = 2
 * unigram adjusted counts (distinct left words): a 2, b 2, c 3, d 1, &lt;/s&gt; 4  (sum 12)
 *   n1..n4 = 1, 2, 1, 1; Y = 1/5; D1 = 1 - 2*Y*2 = 1/5, D2 = 2 - 3*Y/2 = 1.7, D3+ = 3 - 4*Y = 2.2
 *   gamma = (0.2*1 + 1.7*2 + 2.2*2)/12 = 2/3; uniform over 5 words (no &lt;s&gt;, no &lt;unk&gt;) = 1/5
 *   p(a) = p(b) = 0.3/12 + 2/15 = 0.158333, p(c) = 0.8/12 + 2/15 = 0.2, p(d) = 0.8/12 + 2/15 = 0.2,
 *   p(&lt;/s&gt;) = 1.8/12 + 2/15 = 0.283333
 * cutoffs 1,2 drop the six bigrams seen once; their counts join gamma:
 *   gamma(&lt;s&gt;) = (D2 + D3 + 2)/8 = 5/8: p(a|&lt;s&gt;) = 1/8 + 5/8 p(a) = 0.223958, p(d|&lt;s&gt;) = 2/8 + 5/8 p(d) = 0.375
 *   gamma(a) = (D2 + 1)/3 = 2/3: p(b|a) = 1/3 + 2/3 p(b) = 0.438889
 *   gamma(b) = 2/3: p(c|b) = 1/3 + 2/3 p(c) = 0.466667
 *   gamma(c) = (D3 + 1)/4 = 3/4: p(&lt;/s&gt;|c) = 1/4 + 3/4 p(&lt;/s&gt;) = 0.4625; the same for d
 * </pre>
 */
class SrilmModeTest {
    @TempDir
    Path tmp;

    private Path toyCorpus() throws Exception {
        Path text = tmp.resolve("toy.txt");
        Files.writeString(text, "b\nd c a\nc\na b c\na b c\nd\nd\nd\n");
        return text;
    }

    @Test
    void discountsProbabilitiesAndBackoffsByHand() throws Exception {
        KneserNeyTrainer trainer = new KneserNeyTrainer(new KneserNeyOptions().order(2).srilm(true).cutoffs(new int[] {1, 2}));
        BackoffTables t = trainer.train(toyCorpus());
        assertEquals(0.2, trainer.discount(1, 1), 1e-9);
        assertEquals(1.7, trainer.discount(1, 2), 1e-9);
        assertEquals(2.2, trainer.discount(1, 3), 1e-9);
        assertEquals(0.5, trainer.discount(2, 1), 1e-9);
        assertEquals(1.0, trainer.discount(2, 2), 1e-9);
        assertEquals(2.0, trainer.discount(2, 3), 1e-9);

        Vocabulary v = t.vocabulary();
        assertFalse(v.contains("<unk>"), "closed vocabulary without --unk");
        assertEquals(6, t.count(1));
        assertEquals(6, t.count(2), "six bigrams seen at least twice");
        NgramModel m = NgramModel.of(t);
        assertEquals(-99f, m.index.unigramProb(v.id("<s>")));
        assertProb(0.3 / 12 + 2.0 / 15, m, "a");
        assertProb(0.3 / 12 + 2.0 / 15, m, "b");
        assertProb(0.2, m, "c");
        assertProb(0.2, m, "d");
        assertProb(1.8 / 12 + 2.0 / 15, m, "</s>");
        assertProb(1.0 / 8 + 5.0 / 8 * (0.3 / 12 + 2.0 / 15), m, "<s>", "a");
        assertProb(2.0 / 8 + 5.0 / 8 * 0.2, m, "<s>", "d");
        assertProb(5.0 / 8 * (0.3 / 12 + 2.0 / 15), m, "<s>", "b");
        assertProb(1.0 / 3 + 2.0 / 3 * (0.3 / 12 + 2.0 / 15), m, "a", "b");
        assertProb(2.0 / 3 * (1.8 / 12 + 2.0 / 15), m, "a", "</s>");
        assertProb(1.0 / 3 + 2.0 / 3 * 0.2, m, "b", "c");
        assertProb(0.25 + 0.75 * (1.8 / 12 + 2.0 / 15), m, "c", "</s>");
        assertProb(0.75 * (0.3 / 12 + 2.0 / 15), m, "c", "a");
        assertProb(0.25 + 0.75 * (1.8 / 12 + 2.0 / 15), m, "d", "</s>");
        assertProb(0.75 * 0.2, m, "d", "c");
        for (String h : List.of("<s>", "a", "b", "c", "d")) {
            assertSumsToOne(m, m.next(m.empty(), v.id(h)));
        }
    }

    /**
     * The default (lmplz) mode keeps all 12 bigrams. lmplz's statistics see the suffixes of the last
     * n-gram in suffix order ("c a", ids by first appearance) with raw counts: unigram "a" enters the
     * counts-of-counts as 3, not 2, so n1..n4 = 1, 1, 2, 1, Y = 1/3, D1 = 1/3, D2 = 0, D3+ = 7/3;
     * gamma = (1/3*1 + 0*2 + 7/3*2)/12 = 5/12, shared uniformly by &lt;unk&gt; &lt;/s&gt; a b c d.
     */
    @Test
    void defaultModeKeepsEverythingAndGivesUnkTheUniformShare() throws Exception {
        KneserNeyTrainer trainer = new KneserNeyTrainer(new KneserNeyOptions().order(2));
        BackoffTables t = trainer.train(toyCorpus());
        assertEquals(12, t.count(2));
        assertEquals(1.0 / 3, trainer.discount(1, 1), 1e-9);
        assertEquals(0.0, trainer.discount(1, 2), 1e-9);
        assertEquals(7.0 / 3, trainer.discount(1, 3), 1e-9);
        NgramModel m = NgramModel.of(t);
        assertEquals(Math.log(5.0 / 12 / 6), m.logProb(m.empty(), Vocabulary.NONE), 1e-6);
        assertSumsToOne(m, m.empty());
        assertEquals(0f, m.index.unigramProb(t.vocabulary().id("<s>")));
    }

    @Test
    void everySampledContextSumsToOneWithDefaultCutoffs() throws Exception {
        Path train = SharedData.require("reference/kenlm-small/small-train.txt");
        NgramModel m = NgramModel.of(new KneserNeyTrainer(new KneserNeyOptions().order(4).srilm(true)).train(train));
        Vocabulary v = m.vocabulary();
        assertFalse(v.contains("<unk>"));
        // histories: prefixes of the first training sentences (contexts of every length)
        List<LmState> histories = new ArrayList<>();
        try (TextInput in = TextInput.open(train)) {
            for (int s = 0; s < 6; s++) {
                LmState state = m.start();
                histories.add(state);
                String[] words = in.readLine().split(" ");
                for (int i = 0; i < Math.min(words.length, 5); i++) {
                    state = m.next(state, v.id(words[i]));
                    histories.add(state);
                }
            }
        }
        for (LmState h : histories) {
            assertSumsToOne(m, h);
        }
        assertTrue(histories.size() > 20);
    }

    private static void assertSumsToOne(NgramModel m, LmState h) {
        double sum = 0;
        int bos = m.vocabulary().id("<s>");
        for (int w = 0; w < m.vocabulary().size(); w++) {
            if (w != bos) {
                sum += Math.exp(m.logProb(h, w));
            }
        }
        assertEquals(1.0, sum, 2e-4, "sum of P(w | " + h + ")");
    }

    private static void assertProb(double expected, NgramModel m, String... ngram) {
        Vocabulary v = m.vocabulary();
        LmState s = m.empty();
        for (int i = 0; i < ngram.length - 1; i++) {
            s = m.next(s, v.id(ngram[i]));
        }
        assertEquals(expected, Math.exp(m.logProb(s, v.id(ngram[ngram.length - 1]))), 1e-6, String.join(" ", ngram));
    }
}
