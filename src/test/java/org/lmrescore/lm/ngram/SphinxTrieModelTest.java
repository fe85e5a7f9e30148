package org.lmrescore.lm.ngram;

import org.junit.jupiter.api.Test;
import org.lmrescore.lm.LmState;
import org.lmrescore.lm.Vocabulary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sphinx4's own en-us trigram, read through sphinx4-core's loader, as a LanguageModel. */
class SphinxTrieModelTest {
    private static final String EN_US = "/edu/cmu/sphinx/models/en-us/en-us.lm.bin";

    @Test
    void enUsTrigramIsANormalisedBackoffModel() {
        SphinxTrieModel m = SphinxTrieModel.loadResource(EN_US);
        assertEquals(3, m.order());
        Vocabulary v = m.vocabulary();
        assertTrue(v.size() > 50_000, "en-us vocabulary size " + v.size());
        LmState afterThe = m.next(m.start(), v.id("the"));
        LmState afterOfThe = m.next(m.next(m.start(), v.id("of")), v.id("the"));
        for (LmState h : new LmState[] {m.start(), afterThe, afterOfThe}) {
            double sum = 0;
            for (int w = 0; w < v.size(); w++) {
                if (!v.word(w).equals(Vocabulary.BOS)) {
                    sum += Math.exp(m.logProb(h, w));
                }
            }
            // quantised probabilities: normalised to within a few percent
            assertEquals(1.0, sum, 0.05, "sum of P(w | " + h + ")");
        }
        assertTrue(m.logProb(afterOfThe, v.id("first")) > m.logProb(afterOfThe, v.id("of")),
                "P(first | of the) > P(of | of the)");
        assertEquals(Double.NEGATIVE_INFINITY, m.logProb(m.start(), Vocabulary.NONE));
    }
}
