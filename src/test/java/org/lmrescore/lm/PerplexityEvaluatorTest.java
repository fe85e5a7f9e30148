package org.lmrescore.lm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The evaluator with a model whose every probability is known: P(w) = 1/4 for its 4 words. */
class PerplexityEvaluatorTest {
    @TempDir
    Path tmp;

    /** A unigram model over a b c </s>, each 1/4; it counts how often it is asked for a state. */
    private static final class Uniform implements LanguageModel {
        private final Vocabulary vocab = Vocabulary.of(List.of("a", "b", "c", "</s>"));
        private final LmState state = new LmState() {
        };

        @Override
        public Vocabulary vocabulary() {
            return vocab;
        }

        @Override
        public LmState start() {
            return state;
        }

        @Override
        public double logProb(LmState context, int word) {
            return word == Vocabulary.NONE ? Double.NEGATIVE_INFINITY : Math.log(0.25);
        }

        @Override
        public LmState next(LmState context, int word) {
            return state;
        }
    }

    @Test
    void srilmCountsAndPerWordLines() throws Exception {
        Path text = tmp.resolve("t.txt");
        // blank line skipped; <s> and </s> around a line dropped; x is an OOV
        Files.writeString(text, "a b\n\n<s> c x a </s>\n");
        StringWriter perWord = new StringWriter();
        Perplexity p = new PerplexityEvaluator(new Uniform()).evaluate(text, perWord);
        assertEquals(2, p.sentences());
        assertEquals(5, p.words());
        assertEquals(1, p.oovs());
        assertEquals(0, p.zeroprobs());
        // 4 scored words + 2 </s>, each log10 1/4
        assertEquals(6 * Math.log10(0.25), p.logprob(), 1e-12);
        assertEquals(4.0, p.ppl(), 1e-9);
        assertEquals(Math.pow(10, -6 * Math.log10(0.25) / 4), p.ppl1(), 1e-9);
        assertEquals(String.join("\n", "a\t-0.60205999", "b\t-0.60205999", "</s>\t-0.60205999",
                "c\t-0.60205999", "x\tOOV", "a\t-0.60205999", "</s>\t-0.60205999", ""), perWord.toString());

        Perplexity scored = new PerplexityEvaluator(new Uniform()).scoreOovs(true).evaluate(text, null);
        assertEquals(0, scored.oovs());
        assertEquals(1, scored.zeroprobs(), "the OOV scored as -inf by a model without <unk>");
    }
}
