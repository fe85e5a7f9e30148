package org.lmrescore.rescore.tune;

import org.junit.jupiter.api.Test;
import org.lmrescore.eval.Aligner;
import org.lmrescore.lattice.Hypothesis;
import org.lmrescore.lattice.NBestList;
import org.lmrescore.lattice.ScoreWeights;
import org.lmrescore.lattice.ScoredHypothesis;
import org.lmrescore.lm.BigramTestModel;
import org.lmrescore.lm.LanguageModel;
import org.lmrescore.lm.mix.LinearMix;
import org.lmrescore.rescore.PrefixTreeRescorer;
import org.lmrescore.rescore.Scorer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The cached WER of a weight setting equals rescoring the same lists directly with the mixed
 * model (PrefixTreeRescorer over a LinearMix) and counting errors of the winners, for several
 * settings; and each cached mixed LM score equals the Scorer's.
 */
class CacheAgreesWithRescoreTest {
    private final LanguageModel first = BigramTestModel.withVocabulary(List.of("the", "cat", "sat", "a", "hat"), 0.02,
            "<s> the", 0.4, "the cat", 0.5, "cat sat", 0.3, "sat </s>", 0.6, "<s> a", 0.2, "a hat", 0.4, "hat </s>", 0.5);
    // no "hat": the mix renormalises over the first model there; "mat" is in neither (the OOV charge)
    private final LanguageModel second = BigramTestModel.withVocabulary(List.of("the", "cat", "sat", "a", "on"), 0.05,
            "<s> a", 0.5, "a cat", 0.4, "cat sat", 0.2, "sat on", 0.3, "the cat", 0.3);

    private static Hypothesis h(String words, double acoustic, double firstPass) {
        return Hypothesis.of(List.of(words.split(" ")), acoustic, firstPass);
    }

    private final List<NBestList> lists = List.of(
            new NBestList("u1", List.of(h("<s> the cat sat </s>", -100, -9), h("<s> a cat sat </s>", -98, -11),
                    h("<s> the <sil> hat sat </s>", -99, -12), h("<s> a hat </s>", -97, -8))),
            new NBestList("u2", List.of(h("<s> a hat </s>", -50, -5), h("<s> the mat </s>", -49, -7),
                    h("<s> a hat sat on </s>", -53, -9), h("<s> the cat </s>", -51.5, -6))));
    private final Map<String, List<String>> refs = Map.of(
            "u1", List.of("the", "cat", "sat"), "u2", List.of("a", "hat", "sat", "on"));

    @Test
    void cachedWerEqualsDirectRescoring() {
        double oov = -12;
        ScoreWeights reading = ScoreWeights.of(8, 0).withOovLogProb(oov);
        TuningSet set = new TuningSet(new FeatureExtractor(List.of(first), second, reading, false)
                .extract(lists, refs, 2), 1, true, oov);
        double[][] points = {{8, 0, 0, 0.75}, {2, 1, 0, 0.3}, {12, -2, 0.5, 0.9}, {0.5, 3, 1, 0.1}, {5, -4, 0.2, 0.5}};
        for (double[] q : points) {
            TuningPoint p = new TuningPoint(q[0], q[1], q[2], q[3]);
            ScoreWeights w = new ScoreWeights(1, p.lmScale(), p.wip(), p.firstPassWeight(), false, oov);
            Scorer scorer = new Scorer(new LinearMix(List.of(first, second), new double[] {p.rnnWeight(), 1 - p.rnnWeight()}), w);
            long errors = 0;
            for (int u = 0; u < lists.size(); u++) {
                List<ScoredHypothesis> scored = PrefixTreeRescorer.rescore(lists.get(u), scorer);
                for (int i = 0; i < scored.size(); i++) {
                    assertEquals(scored.get(i).lmLogProb(), set.lmLogProb(u, i, p.rnnWeight()), 1e-9);
                }
                ScoredHypothesis best = PrefixTreeRescorer.sortedByTotal(scored).get(0);
                errors += Aligner.SCLITE.align(refs.get(lists.get(u).id()), best.hypothesis().words()).errors();
            }
            assertEquals(errors, set.errors(p), "at " + p);
            assertEquals(100.0 * errors / 7, set.wer(p), 1e-9);
        }
    }

    @Test
    void oneModelAloneMatchesItsScorer() {
        double oov = -10;
        TuningSet set = new TuningSet(new FeatureExtractor(List.of(), second, ScoreWeights.of(8, 0).withOovLogProb(oov), false)
                .extract(lists, refs, 1), 0, true, oov);
        Scorer scorer = new Scorer(second, ScoreWeights.of(3, 0.5).withOovLogProb(oov));
        List<Double> direct = new ArrayList<>();
        List<Double> cached = new ArrayList<>();
        for (int u = 0; u < lists.size(); u++) {
            List<ScoredHypothesis> scored = PrefixTreeRescorer.rescoreEachAlone(lists.get(u), scorer);
            for (int i = 0; i < scored.size(); i++) {
                direct.add(scored.get(i).lmLogProb());
                cached.add(set.lmLogProb(u, i, 0.5));
            }
        }
        for (int i = 0; i < direct.size(); i++) {
            assertEquals(direct.get(i), cached.get(i), 1e-9);
        }
    }
}
