package org.lmrescore.lm.ngram;

import org.junit.jupiter.api.Test;
import org.lmrescore.SharedData;
import org.lmrescore.lm.LmState;
import org.lmrescore.lm.Vocabulary;
import org.lmrescore.util.TextInput;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NgramModelTest {
    /** The immutable LanguageModel path and the mutable fast path agree on scores and states. */
    @Test
    void stateApiAndScorerAgree() {
        NgramModel m = NgramModels.load(SharedData.require("reference/kenlm-small/small.o5.arpa.gz"));
        Vocabulary v = m.vocabulary();
        NgramScorer scorer = m.scorer();
        Set<LmState> distinct = new HashSet<>();
        int words = 0;
        try (TextInput in = TextInput.open(SharedData.require("reference/kenlm-small/small-test.txt"))) {
            String line;
            while ((line = in.readLine()) != null) {
                LmState s = m.start();
                scorer.reset(m.start());
                double sentence = 0;
                int[] ids = java.util.Arrays.stream(line.split(" ")).mapToInt(v::id).toArray();
                for (String w : (line + " </s>").split(" ")) {
                    int id = v.id(w);
                    double viaState = m.logProb(s, id);
                    float viaScorer = scorer.advance(id);
                    assertEquals(viaScorer * Math.log(10), viaState, 1e-9, w);
                    sentence += viaState;
                    s = m.next(s, id);
                    assertEquals(scorer.state(), s);
                    assertEquals(scorer.state().hashCode(), s.hashCode());
                    assertTrue(((NgramState) s).length() <= 4);
                    distinct.add(s);
                    words++;
                }
                assertEquals(sentence, m.sentenceLogProb(ids), 1e-6);
            }
        }
        assertTrue(distinct.size() < words, "equal histories give equal states");
    }
}
