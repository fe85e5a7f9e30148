package org.lmrescore.lm.rnn;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

    @Test
    void streamScoresEqualTheLanguageModelCarryingItsStateAcrossSentences() throws Exception {
        Path train = RnnTestData.toyText(dir, "train.txt", 200, 1);
        Path test = dir.resolve("test.txt");
        Files.write(test, List.of("the cat sees a bone", "john eats unicorn pie", "", "my sister hears the zebra today"));
        RnnConfig config = RnnConfig.defaults().withHidden(7).withClasses(4).withDirect(97, 3)
                .withTraining(0.1, 1e-7, 1.003, 15, false, 3, 2);
        Path model = dir.resolve("m.bin");
        new RnnTrainer(config, train, train, model, 1, line -> { }).run();
        RnnModel m = ModelFile.read(model);
        Perplexity stream = new StreamEvaluator(m, 0).evaluate(test, null);

        RnnLanguageModel lm = new RnnLanguageModel(m);
        Vocabulary v = lm.vocabulary();
        double total = 0;
        LmState state = lm.start();
        for (String line : Files.readAllLines(test)) {
            if (line.isBlank()) {
                continue;
            }
            for (String w : line.split(" ")) {
                int id = v.id(w);
                if (id != Vocabulary.NONE) {
                    total += lm.logProb(state, id);
                }
                state = lm.next(state, id);
            }
            total += lm.logProb(state, v.id("</s>"));
            state = lm.next(state, v.id("</s>"));
        }
        assertEquals(3, stream.sentences());
        assertEquals(15, stream.words());
        assertEquals(2, stream.oovs());
        assertEquals(total / Math.log(10), stream.logprob(), 1e-6);
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
}
