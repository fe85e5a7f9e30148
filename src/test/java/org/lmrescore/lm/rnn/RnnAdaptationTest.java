package org.lmrescore.lm.rnn;

import org.junit.jupiter.api.Test;
import org.lmrescore.lm.Vocabulary;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RnnAdaptationTest {

    private static RnnLanguageModel tinyModel() {
        RnnVocabulary v = RnnVocabulary.build(List.of("</s>", "a", "b", "c", "d"), new long[] {5, 4, 3, 2, 1}, 0, 2, true);
        return new RnnLanguageModel(RnnModel.create(RnnConfig.defaults().withHidden(8).withClasses(2), v));
    }

    private static double logProb(RnnLanguageModel lm, List<String> words) {
        Vocabulary v = lm.vocabulary();
        return lm.sentenceLogProb(words.stream().mapToInt(v::id).toArray());
    }

    @Test
    void learningARecognisedSentenceMakesItMoreLikelyAndOthersLessSo() {
        RnnLanguageModel lm = tinyModel();
        List<String> seen = List.of("c", "d", "c");
        List<String> other = List.of("a", "b", "a");
        double seenBefore = logProb(lm, seen);
        double otherBefore = logProb(lm, other);
        RnnAdaptation adaptation = new RnnAdaptation(lm, 0.1);
        for (int i = 0; i < 5; i++) {
            adaptation.learn(seen);
        }
        double seenAfter = logProb(lm, seen);
        assertTrue(seenAfter > seenBefore + 0.1, seenBefore + " -> " + seenAfter);
        assertTrue(logProb(lm, other) < otherBefore, "probability mass moves to what was learnt");
    }

    @Test
    void theAdaptedModelStaysNormalised() {
        RnnLanguageModel lm = tinyModel();
        new RnnAdaptation(lm, 0.5).learn(List.of("b", "b", "d"));
        double total = 0;
        for (int w = 0; w < lm.vocabulary().size(); w++) {
            total += Math.exp(lm.logProb(lm.start(), w));
        }
        assertEquals(1.0, total, 1e-5);
    }
}
