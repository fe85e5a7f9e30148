package org.lmrescore.lm.ngram;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lmrescore.SharedData;
import org.lmrescore.lm.Perplexity;
import org.lmrescore.lm.PerplexityEvaluator;
import org.lmrescore.lm.Vocabulary;
import org.lmrescore.util.TextInput;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Our default training against KenLM lmplz's own ARPA files and query output for the small fixture. */
class KenLmReferenceTest {
    private static final String DIR = "reference/kenlm-small/";

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(ints = {3, 5})
    void trainingReproducesLmplz(int order) {
        Path train = SharedData.require(DIR + "small-train.txt");
        BackoffTables kenlm = ArpaReader.read(SharedData.require(DIR + "small.o" + order + ".arpa.gz"));
        BackoffTables ours = new KneserNeyTrainer(new KneserNeyOptions().order(order)).train(train);
        assertEquals(order, ours.order());
        for (int n = 1; n <= order; n++) {
            assertEquals(kenlm.count(n), ours.count(n), n + "-gram count");
            Map<String, float[]> expected = byText(kenlm, n);
            OrderEntries e = ours.entries(n);
            for (int i = 0; i < e.size(); i++) {
                String key = text(ours, e, i);
                float[] pb = expected.get(key);
                if (pb == null) {
                    fail(n + "-gram not in KenLM's model: " + key);
                }
                assertEquals(pb[0], e.prob(i), 1e-4, "log10 p of " + key);
                assertEquals(pb[1], e.backoff(i), 1e-4, "backoff of " + key);
            }
        }
    }

    @Test
    void perplexityAndPerWordScoresMatchKenLmQuery() throws Exception {
        Path train = SharedData.require(DIR + "small-train.txt");
        Path test = SharedData.require(DIR + "small-test.txt");
        Path perWord = SharedData.require(DIR + "small.o5.test.perword.gz");
        Path arpa = tmp.resolve("small.o5.arpa.gz");
        ArpaWriter.write(new KneserNeyTrainer(new KneserNeyOptions()).train(train), arpa);
        NgramModel model = NgramModels.load(arpa);

        Perplexity ppl = new PerplexityEvaluator(model).evaluate(test, null);
        assertEquals(394.556, ppl.ppl(), 0.001, "SRILM-style ppl excluding OOVs (KenLM: 394.5564835)");
        assertEquals(1329, ppl.oovs());
        assertEquals(7099, ppl.words() + ppl.sentences(), "tokens incl. </s>");
        Perplexity withOovs = new PerplexityEvaluator(model).scoreOovs(true).evaluate(test, null);
        assertEquals(971.997, withOovs.ppl(), 0.001, "KenLM: perplexity including OOVs 971.9971287");

        // KenLM query lines: word=id ngram-length log10p ... Total: ... OOV: ...
        NgramScorer scorer = model.scorer();
        Vocabulary v = model.vocabulary();
        int compared = 0;
        try (TextInput in = TextInput.open(perWord)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.contains("Total:")) {
                    continue;
                }
                scorer.reset(model.start());
                for (String field : line.substring(0, line.indexOf("Total:")).trim().split("\t")) {
                    String[] parts = field.split(" ");
                    String word = parts[0].substring(0, parts[0].lastIndexOf('='));
                    int length = Integer.parseInt(parts[1]);
                    float expected = Float.parseFloat(parts[2]);
                    float got = scorer.advance(v.id(word));
                    assertEquals(expected, got, 1e-4, "log10 p of '" + word + "' at line " + in.lineNumber());
                    assertEquals(length, scorer.lastMatchLength(), "matched n-gram length of '" + word + "'");
                    compared++;
                }
            }
        }
        assertEquals(7099, compared);
    }

    private static Map<String, float[]> byText(BackoffTables t, int n) {
        Map<String, float[]> m = new HashMap<>();
        OrderEntries e = t.entries(n);
        for (int i = 0; i < e.size(); i++) {
            assertTrue(m.put(text(t, e, i), new float[] {e.prob(i), e.backoff(i)}) == null);
        }
        return m;
    }

    private static String text(BackoffTables t, OrderEntries e, int i) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < e.order(); k++) {
            sb.append(k == 0 ? "" : " ").append(t.vocabulary().word(e.word(i, k)));
        }
        return sb.toString();
    }
}
