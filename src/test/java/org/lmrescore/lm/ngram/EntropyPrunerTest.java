package org.lmrescore.lm.ngram;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmrescore.lm.Vocabulary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Relative-entropy pruning on a bigram model small enough to work by hand: p(a) .5, p(b) .3,
 * p(&lt;/s&gt;) .2; p(a|&lt;s&gt;) .6, p(b|&lt;s&gt;) .3 (backoff .1 / .2 = .5); p(b|a) .7,
 * p(&lt;/s&gt;|a) .2 (backoff .1 / .5 = .2).
 */
class EntropyPrunerTest {
    @TempDir
    Path dir;

    private BackoffTables model() throws IOException {
        String arpa = "\\data\\\nngram 1=4\nngram 2=4\n\n\\1-grams:\n"
                + l(0.2) + " </s>\n-99 <s> " + l(0.5) + "\n" + l(0.5) + " a " + l(0.2) + "\n" + l(0.3) + " b\n\n"
                + "\\2-grams:\n" + l(0.6) + " <s> a\n" + l(0.3) + " <s> b\n" + l(0.7) + " a b\n" + l(0.2) + " a </s>\n\n\\end\\\n";
        return ArpaReader.read(Files.writeString(dir.resolve("m.arpa"), arpa));
    }

    private static String l(double p) {
        return Float.toString((float) Math.log10(p));
    }

    @Test
    void theCriterionOfOneBigramIsTheHandComputedOne() throws IOException {
        BackoffTables t = model();
        double[] change = EntropyPruner.perplexityChange(t, 2);
        // dropping "a b": P(a) .5; b backs off to p(b) .3; a's backed-off mass .1 becomes .8 over 1 - .2 = .8, weight 1
        double dH = -0.5 * (0.7 * (Math.log(0.3) + Math.log(1.0) - Math.log(0.7)) + 0.1 * (Math.log(1.0) - Math.log(0.2)));
        assertEquals(Math.expm1(dH), change[index(t, "a", "b")], 1e-6);
        // dropping "<s> a": P(<s>) = 1; a backs off to .5; mass .1 + .6 over 1 - .3 = .7, weight 1
        double dH2 = -1 * (0.6 * (Math.log(0.5) + Math.log(1.0) - Math.log(0.6)) + 0.1 * (Math.log(1.0) - Math.log(0.5)));
        assertEquals(Math.expm1(dH2), change[index(t, "<s>", "a")], 1e-6);
    }

    @Test
    void prunedModelsStayNormalisedAndKeepWhatMatters() throws IOException {
        BackoffTables t = model();
        double[] change = EntropyPruner.perplexityChange(t, 2);
        double threshold = change[index(t, "a", "b")] * 1.01;  // just above "a b"
        BackoffTables pruned = EntropyPruner.prune(t, threshold);
        int kept = 0;
        for (int i = 0; i < 4; i++) {
            kept += change[i] >= threshold ? 1 : 0;
        }
        assertEquals(kept, pruned.count(2));
        assertEquals(-1, indexOrMissing(pruned, "a", "b"));
        NgramModel m = NgramModel.of(pruned);
        Vocabulary v = pruned.vocabulary();
        for (String context : new String[] {"<s>", "a", "b"}) {
            NgramState s = m.next(m.empty(), v.id(context));
            double sum = 0;
            for (String w : new String[] {"a", "b", "</s>"}) {
                sum += Math.pow(10, m.log10Prob(s, v.id(w)));
            }
            assertEquals(1.0, sum, 1e-5, "context " + context);
        }
        // a weight recomputed by hand: with "a b" gone, a keeps only "a </s>" .2: (1 - .2) / (1 - .2) = 1
        assertEquals(0.0, pruned.entries(1).backoff(v.id("a")), 1e-6);
    }

    /** A real KN trigram of a toy text, pruned at several thresholds: every context's distribution still sums to one. */
    @Test
    void aPrunedKneserNeyTrigramIsNormalisedInEveryContext() throws IOException {
        java.util.Random r = new java.util.Random(3);
        String[] words = {"the", "cat", "dog", "sat", "ran", "on", "a", "mat", "log", "today"};
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            int n = 3 + r.nextInt(6);
            for (int k = 0; k < n; k++) {
                text.append(k == 0 ? "" : " ").append(words[Math.min(words.length - 1, (int) Math.abs(r.nextGaussian() * 4))]);
            }
            text.append('\n');
        }
        Path f = Files.writeString(dir.resolve("t.txt"), text);
        BackoffTables full = new KneserNeyTrainer(new KneserNeyOptions().order(3).discountFallback(true)).train(f);
        for (double threshold : new double[] {1e-4, 1e-3, 1e-2}) {
            BackoffTables pruned = EntropyPruner.prune(full, threshold);
            assertTrue(pruned.count(3) < full.count(3), "threshold " + threshold + " prunes trigrams");
            NgramModel m = NgramModel.of(pruned);
            Vocabulary v = pruned.vocabulary();
            for (int n = 1; n <= 2; n++) {
                OrderEntries e = pruned.entries(n);
                for (int i = 0; i < e.size(); i++) {
                    if (e.word(i, n - 1) == v.id(Vocabulary.EOS)) {
                        continue;  // no context
                    }
                    NgramState s = m.empty();
                    for (int k = 0; k < n; k++) {
                        s = m.next(s, e.word(i, k));
                    }
                    double sum = 0;
                    for (int w = 0; w < v.size(); w++) {
                        if (w != v.id(Vocabulary.BOS)) {
                            sum += Math.pow(10, m.log10Prob(s, w));
                        }
                    }
                    assertEquals(1.0, sum, 1e-4, "threshold " + threshold + ", context of order " + n + " #" + i);
                }
            }
        }
    }

    private static int index(BackoffTables t, String w1, String w2) {
        int i = indexOrMissing(t, w1, w2);
        assertTrue(i >= 0, w1 + " " + w2);
        return i;
    }

    private static int indexOrMissing(BackoffTables t, String w1, String w2) {
        OrderEntries e = t.entries(2);
        Vocabulary v = t.vocabulary();
        for (int i = 0; i < e.size(); i++) {
            if (e.word(i, 0) == v.id(w1) && e.word(i, 1) == v.id(w2)) {
                return i;
            }
        }
        return -1;
    }
}
