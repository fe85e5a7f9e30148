package org.lmrescore.lm.rnn;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lmrescore.lm.LmState;
import org.lmrescore.lm.Perplexity;
import org.lmrescore.lm.Vocabulary;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamEvaluatorTest {
    @TempDir
    Path dir;

    /** Also NCE, whose static stream is scored in batches: the same scores, in reading order. */
    @ParameterizedTest
    @ValueSource(strings = {"class", "nce"})
    void streamScoresEqualTheLanguageModelCarryingItsStateAcrossSentences(String output) throws Exception {
        Path train = RnnTestData.toyText(dir, "train.txt", 200, 1);
        Path test = dir.resolve("test.txt");
        List<String> lines = new java.util.ArrayList<>();
        for (int k = 0; k < 5; k++) {  // 75 scored tokens: two full NCE batches and a partial one
            lines.addAll(List.of("the cat sees a bone", "john eats unicorn pie", "", "my sister hears the zebra today"));
        }
        Files.write(test, lines);
        RnnConfig config = RnnConfig.defaults().withHidden(7).withClasses(4).withDirect(97, 3)
                .withTraining(0.1, 1e-7, 1.003, 15, false, 3, 2).withOutput(output, 5);
        Path model = dir.resolve("m.bin");
        new RnnTrainer(config, train, train, model, 1, line -> { }).run();
        RnnModel m = ModelFile.read(model);
        java.io.StringWriter perWord = new java.io.StringWriter();
        Perplexity stream = new StreamEvaluator(m, 0).evaluate(test, perWord);

        RnnLanguageModel lm = new RnnLanguageModel(m);
        Vocabulary v = lm.vocabulary();
        double total = 0;
        StringBuilder expected = new StringBuilder();
        LmState state = lm.start();
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            for (String w : (line + " </s>").split(" ")) {
                int id = v.id(w);
                if (id != Vocabulary.NONE) {
                    double lp = lm.logProb(state, id);
                    total += lp;
                    expected.append(w).append('\t').append(String.format(java.util.Locale.ROOT, "%.4f", lp / Math.log(10))).append('\n');
                } else {
                    expected.append(w).append("\tOOV\n");
                }
                state = lm.next(state, id);
            }
        }
        assertEquals(15, stream.sentences());
        assertEquals(75, stream.words());
        assertEquals(10, stream.oovs());
        assertEquals(total / Math.log(10), stream.logprob(), 1e-5);
        String[] got = perWord.toString().split("\n");
        String[] want = expected.toString().split("\n");
        assertEquals(want.length, got.length);
        for (int i = 0; i < want.length; i++) {
            String[] g = got[i].split("\t");
            String[] w = want[i].split("\t");
            assertEquals(w[0], g[0], "line " + i);
            if (w[1].equals("OOV")) {
                assertEquals("OOV", g[1], "line " + i);
            } else {
                assertEquals(Double.parseDouble(w[1]), Double.parseDouble(g[1]), 2e-4, "line " + i);
            }
        }
    }

    @Test
    void dynamicEvaluationLearnsARepeatedText() throws Exception {
        Path train = RnnTestData.toyText(dir, "train.txt", 200, 1);
        Path repeated = dir.resolve("repeated.txt");
        Files.write(repeated, java.util.Collections.nCopies(60, "the bird finds the zebra today"));
        RnnConfig config = RnnConfig.defaults().withHidden(7).withClasses(4)
                .withTraining(0.1, 1e-7, 1.003, 15, false, 3, 2);
        Path model = dir.resolve("m.bin");
        new RnnTrainer(config, train, train, model, 1, line -> { }).run();
        double staticPpl = new StreamEvaluator(ModelFile.read(model), 0).evaluate(repeated, null).ppl();
        double dynamicPpl = new StreamEvaluator(ModelFile.read(model), 0.1).evaluate(repeated, null).ppl();
        assertTrue(dynamicPpl < 0.8 * staticPpl, "dynamic " + dynamicPpl + " vs static " + staticPpl);
    }

    /**
     * NCE dynamic evaluation scores its predictions in batches after later words changed the
     * output rows ({@link UpdateJournal}): every word's score, and the adapted model, equal those
     * of the reader that scores each word at once, bit for bit.
     */
    @Test
    void deferredDynamicScoresEqualScoringEachWordAtOnce() throws Exception {
        Path train = RnnTestData.toyText(dir, "train.txt", 200, 1);
        Path test = RnnTestData.toyText(dir, "test.txt", 30, 9);
        RnnConfig config = RnnConfig.defaults().withHidden(7).withTraining(0.1, 1e-7, 1.003, 15, false, 3, 2)
                .withOutput("nce", 5);
        Path model = dir.resolve("m.bin");
        new RnnTrainer(config, train, train, model, 1, line -> { }).run();
        RnnModel deferred = ModelFile.read(model);
        RnnModel atOnce = ModelFile.read(model);
        RnnReader batched = new RnnReader(deferred, 0.2f, false, true, deferred.startState(), 0, true);
        RnnReader each = new RnnReader(atOnce, 0.2f, false, true, atOnce.startState(), 0, false);
        assertTrue(batched.defersScores());
        RnnReader.ScoringBatch batch = batched.newBatch();
        List<Double> got = new java.util.ArrayList<>();
        List<Double> want = new java.util.ArrayList<>();
        int words = 0;
        for (String line : Files.readAllLines(test)) {
            for (String w : (line + " </s>").trim().split(" +")) {
                int unit = deferred.vocabulary().unitOf(w);
                want.add(each.read(unit));
                batched.readInto(unit, batch);
                if (unit < 0) {
                    got.add(Double.NaN);
                }
                if (batch.full()) {
                    for (double lp : batch.scoreEach()) {
                        got.add(lp);
                    }
                }
                words++;
            }
        }
        for (double lp : batch.scoreEach()) {
            got.add(lp);
        }
        assertTrue(words > 3 * NceOutput.BATCH, "several batches: " + words);
        // an unknown word's NaN is placed at once, scored ones in batches: compare the scored ones in order
        List<Double> scoredWant = want.stream().filter(d -> !d.isNaN()).toList();
        List<Double> scoredGot = got.stream().filter(d -> !d.isNaN()).toList();
        assertEquals(scoredWant, scoredGot);
        batched.finish();
        each.finish();
        for (int i = 0; i < deferred.weights().size(); i++) {
            assertTrue(java.util.Arrays.equals(atOnce.weights().get(i).values(), deferred.weights().get(i).values()),
                deferred.weights().get(i).name());
        }
    }
}
