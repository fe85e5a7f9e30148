package org.lmrescore.lm.mix;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmrescore.lm.LanguageModel;
import org.lmrescore.lm.LmState;
import org.lmrescore.lm.Vocabulary;
import org.lmrescore.lm.ngram.NgramModels;
import org.lmrescore.lm.rnn.RnnConfig;
import org.lmrescore.lm.rnn.RnnLanguageModel;
import org.lmrescore.lm.rnn.RnnModel;
import org.lmrescore.lm.rnn.RnnVocabulary;
import org.lmrescore.lm.rnn.WeightBlock;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogLinearMixTest {
    @TempDir
    Path dir;

    private static RnnLanguageModel rnn(String type) {
        // "c" is unknown to the RNN (and it has no rare unit): it gets no probability from it
        RnnVocabulary v = RnnVocabulary.build(List.of("</s>", "a", "b", "d"), new long[] {5, 4, 3, 2}, 0, 2, true);
        RnnModel m = RnnModel.create(RnnConfig.defaults().withHidden(4).withClasses(2).withHiddenType(type), v);
        Random r = new Random(5);
        for (WeightBlock b : m.weights()) {
            for (int i = 0; i < b.values().length; i++) {
                b.values()[i] = (float) r.nextGaussian();
            }
        }
        return new RnnLanguageModel(m);
    }

    private LanguageModel bigram() throws Exception {
        // "d" is unknown to the n-gram model, which scores it with <unk>
        Path p = dir.resolve("kn.arpa");
        Files.writeString(p, String.join("\n", "\\data\\", "ngram 1=6", "ngram 2=2", "", "\\1-grams:",
                "-0.5\t</s>", "-99\t<s>\t-0.2", "-0.6\ta\t-0.1", "-0.9\tb\t-0.3", "-1.0\tc\t-0.2", "-1.2\t<unk>", "",
                "\\2-grams:", "-0.2\t<s> a", "-0.4\ta b", "", "\\end\\", ""));
        return NgramModels.loadAny(p.toString());
    }

    @Test
    void normalisedOverTheVocabularyInEveryContext() throws Exception {
        for (String type : new String[] {"sigmoid", "lstm"}) {
            RnnLanguageModel r = rnn(type);
            LanguageModel kn = bigram();
            double[] lambda = {0.6, 0.4};
            LogLinearMix mix = new LogLinearMix(List.of(r, kn), lambda);
            Vocabulary v = mix.vocabulary();
            LmState s = mix.start();
            LmState rs = r.start();
            LmState ks = kn.start();
            for (String next : new String[] {"a", "b", "c", "d"}) {
                double sum = 0;
                double z = 0;
                for (int w = 0; w < v.size(); w++) {
                    sum += Math.exp(mix.logProb(s, w));
                    // the unnormalised product, from the components' word-at-a-time probabilities
                    String word = v.word(w);
                    double pr = r.logProb(rs, r.vocabulary().id(word));
                    double pk = kn.logProb(ks, kn.vocabulary().id(word));
                    z += Math.exp(0.6 * pr + 0.4 * pk);
                }
                assertEquals(1.0, sum, 1e-9, type + " after " + next);
                int d = v.id("d");
                double expected = 0.6 * r.logProb(rs, r.vocabulary().id("d")) + 0.4 * kn.logProb(ks, Vocabulary.NONE)
                        - Math.log(z);
                assertEquals(expected, mix.logProb(s, d), 1e-5, "d scored with the n-gram model's <unk>");
                assertEquals(Double.NEGATIVE_INFINITY, mix.logProb(s, v.id("c")), "c: the RNN gives it nothing");
                assertTrue(mix.logProb(s, v.id("a")) > Double.NEGATIVE_INFINITY);
                s = mix.next(s, v.id(next));
                rs = r.next(rs, r.vocabulary().id(next));
                ks = kn.next(ks, kn.vocabulary().id(next));
            }
        }
    }

    @Test
    void rnnWholeDistributionMatchesWordByWord() {
        RnnLanguageModel r = rnn("gru");
        LmState s = r.next(r.start(), 1);
        double[] all = new double[r.vocabulary().size()];
        r.logProbs(s, all);
        for (int w = 0; w < all.length; w++) {
            assertEquals(r.logProb(s, w), all[w], 1e-5);
        }
    }
}
