package org.lmrescore.lm.mix;

import org.junit.jupiter.api.Test;
import org.lmrescore.lm.LanguageModel;
import org.lmrescore.lm.LmState;
import org.lmrescore.lm.Vocabulary;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class LinearMixTest {

    /** A unigram model over its own words; unknown words get {@code unknown} (0 = none). */
    private record Unigram(Vocabulary vocab, double[] p, double unknown) implements LanguageModel {
        static Unigram of(Map<String, Double> probs, double unknown) {
            List<String> words = List.copyOf(probs.keySet());
            double[] p = new double[words.size()];
            for (int i = 0; i < p.length; i++) {
                p[i] = probs.get(words.get(i));
            }
            return new Unigram(Vocabulary.of(words), p, unknown);
        }

        @Override
        public Vocabulary vocabulary() {
            return vocab;
        }

        @Override
        public LmState start() {
            return new LmState() { };
        }

        @Override
        public double logProb(LmState context, int word) {
            return Math.log(word < 0 ? unknown : p[word]);
        }

        @Override
        public LmState next(LmState context, int word) {
            return context;
        }
    }

    private static final Unigram A = Unigram.of(
            new java.util.LinkedHashMap<>(Map.of("</s>", 0.2, "x", 0.5, "y", 0.3)), 0);
    private static final Unigram B = Unigram.of(
            new java.util.LinkedHashMap<>(Map.of("</s>", 0.4, "x", 0.1, "y", 0.2, "z", 0.3)), 0.01);

    /** prepare reaches every component with its own states, in order. */
    @Test
    void prepareIsForwardedToEachComponentWithItsStates() {
        List<List<LmState>> seen = new java.util.ArrayList<>();
        LanguageModel recording = new LanguageModel() {
            public Vocabulary vocabulary() {
                return A.vocabulary();
            }

            public LmState start() {
                return A.start();
            }

            public double logProb(LmState c, int w) {
                return A.logProb(c, w);
            }

            public LmState next(LmState c, int w) {
                return c;
            }

            @Override
            public void prepare(List<? extends LmState> contexts) {
                seen.add(List.copyOf(contexts));
            }
        };
        LinearMix mix = new LinearMix(List.of(recording, B), new double[] {1, 1});
        LmState s = mix.start();
        LmState t = mix.next(s, mix.vocabulary().id("x"));
        mix.prepare(List.of(s, t));
        assertEquals(1, seen.size());
        assertEquals(List.of(mix.componentStates(s)[0], mix.componentStates(t)[0]), seen.get(0));
    }

    @Test
    void mixesProbabilitiesNotLogs() {
        LinearMix mix = new LinearMix(List.of(A, B), new double[] {3, 1});
        Vocabulary v = mix.vocabulary();
        assertEquals(Math.log(0.75 * 0.5 + 0.25 * 0.1), mix.logProb(mix.start(), v.id("x")), 1e-12);
        assertEquals(Math.log(0.75 * 0.2 + 0.25 * 0.4), mix.logProb(mix.start(), v.id("</s>")), 1e-12);
    }

    @Test
    void wordOutsideAComponentWithoutUnknownMassRenormalisesTheOthers() {
        LinearMix mix = new LinearMix(List.of(A, B), new double[] {0.75, 0.25});
        // z is not in A, and A has no unknown-word mass: B alone scores it
        assertEquals(Math.log(0.3), mix.logProb(mix.start(), mix.vocabulary().id("z")), 1e-12);
        // a word outside every vocabulary: A gives nothing, B its unknown mass
        assertEquals(Math.log(0.01), mix.logProb(mix.start(), Vocabulary.NONE), 1e-12);
        LinearMix onlyA = new LinearMix(List.of(A, A), new double[] {0.5, 0.5});
        assertEquals(Double.NEGATIVE_INFINITY, onlyA.logProb(onlyA.start(), Vocabulary.NONE));
    }

    @Test
    void componentsOfOneVocabularyStayNormalised() {
        LinearMix mix = new LinearMix(List.of(B, B), new double[] {0.4, 0.6});
        double sum = 0;
        for (int w = 0; w < mix.vocabulary().size(); w++) {
            sum += Math.exp(mix.logProb(mix.start(), w));
        }
        assertEquals(1.0, sum, 1e-12);
        assertEquals(mix.start(), mix.next(mix.start(), 1));
        assertNotEquals(null, mix.start());
    }
}
