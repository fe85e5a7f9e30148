package org.lmrescore.lm.rnn;

import org.junit.jupiter.api.Test;
import org.lmrescore.lm.LmState;
import org.lmrescore.lm.Vocabulary;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class NormalisationTest {

    @Test
    void frequencyBinningMatchesHandComputedClasses() {
        long[] counts = {10, 9, 7, 5, 3, 2, 1};
        // shares 10/37 = .27, 19/37 = .51 (passes 1/3: next class), 26/37 = .70 (passes 2/3), rest last class
        assertArrayEquals(new int[] {0, 0, 1, 2, 2, 2, 2}, classesOf(WordClasses.bin(counts, 3, false), 7));
        // sqrt shares .208, .406 (passes 1/3), .580, .727 (passes 2/3), ...
        assertArrayEquals(new int[] {0, 0, 1, 1, 2, 2, 2}, classesOf(WordClasses.bin(counts, 3, true), 7));
    }

    private static int[] classesOf(WordClasses c, int n) {
        int[] out = new int[n];
        for (int u = 0; u < n; u++) {
            out[u] = c.classOf(u);
        }
        return out;
    }

    @Test
    void rareWordsShareOneUnitSortedByTotalCount() {
        List<String> words = List.of("</s>", "a", "b", "c", "d", "e", "f", "g");
        long[] counts = {20, 9, 4, 2, 1, 1, 1, 3};
        RnnVocabulary v = RnnVocabulary.build(words, counts, 3, 2, true);
        // c, d, e, f are seen fewer than 3 times: one unit with count 5, between a (9) and b (4)
        assertEquals(5, v.units());
        assertEquals(List.of("</s>", "a", RnnVocabulary.RARE, "b", "g"),
                List.of(v.unitName(0), v.unitName(1), v.unitName(2), v.unitName(3), v.unitName(4)));
        assertEquals(5, v.unitCount(2));
        assertEquals(4, v.rareWords());
        assertEquals(2, v.unitOf("e"));
        assertEquals(-1, v.unitOf("zebra"));
        assertEquals(8, v.words().size());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"class", "hs", "nce"})
    void probabilitiesSumToOneOverTheVocabularyIncludingRareWords(String output) {
        List<String> words = List.of("</s>", "a", "b", "c", "d", "e", "f", "g", "h", "i");
        long[] counts = {30, 12, 9, 7, 5, 4, 2, 1, 1, 2};
        for (long direct : new long[] {0, 101}) {
            RnnVocabulary v = RnnVocabulary.build(words, counts, 3, 4, true);
            RnnConfig c = RnnConfig.defaults().withHidden(6).withClasses(4).withDirect(direct, 4).withRare(3)
                    .withOutput(output, 5);
            RnnModel model = RnnModel.create(c, v);
            Random r = new Random(3);
            for (WeightBlock b : model.weights()) {
                for (int i = 0; i < b.values().length; i++) {
                    b.values()[i] = (float) r.nextGaussian();
                }
            }
            RnnLanguageModel lm = new RnnLanguageModel(model);
            Vocabulary vocab = lm.vocabulary();
            LmState state = lm.start();
            for (int step = 0; step < 12; step++) {
                double sum = 0;
                for (int w = 0; w < vocab.size(); w++) {
                    sum += Math.exp(lm.logProb(state, w));
                }
                assertEquals(1.0, sum, 1e-5, output + ": sum over the vocabulary at step " + step + ", direct " + direct);
                // the batch of every word's score agrees with the one-word query
                double[] all = new double[vocab.size()];
                lm.logProbs(state, all);
                assertEquals(lm.logProb(state, vocab.id("a")), all[vocab.id("a")], 1e-6);
                // an unknown word gets one rare word's share
                assertEquals(lm.logProb(state, vocab.id("g")), lm.logProb(state, Vocabulary.NONE), 1e-12);
                int next = r.nextInt(vocab.size() + 1) - 1;
                LmState alone = lm.next(state, next);
                LmState batched = lm.next(state, next);
                // a state whose normaliser came in a batch (prepare) scores exactly as one scored alone
                lm.prepare(List.of(batched, lm.next(state, 0), batched));
                for (int w = 0; w < vocab.size(); w++) {
                    assertEquals(lm.logProb(alone, w), lm.logProb(batched, w), 0, output + " word " + w);
                }
                state = alone;
            }
        }
    }

    @Test
    void unknownWordIsNegativeInfinityWithoutRareUnit() {
        RnnVocabulary v = RnnVocabulary.build(List.of("</s>", "a", "b"), new long[] {3, 2, 1}, 0, 2, true);
        RnnLanguageModel lm = new RnnLanguageModel(RnnModel.create(RnnConfig.defaults().withHidden(3).withClasses(2), v));
        assertEquals(Double.NEGATIVE_INFINITY, lm.logProb(lm.start(), Vocabulary.NONE));
        LmState after = lm.next(lm.start(), Vocabulary.NONE);
        double sum = 0;
        for (int w = 0; w < 3; w++) {
            sum += Math.exp(lm.logProb(after, w));
        }
        assertEquals(1.0, sum, 1e-6, "still normalised after reading an unknown word");
    }
}
