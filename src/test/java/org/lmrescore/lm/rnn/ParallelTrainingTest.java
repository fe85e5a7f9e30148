package org.lmrescore.lm.rnn;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmrescore.util.Progress;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParallelTrainingTest {
    @TempDir
    Path dir;

    @Test
    void deferredClassUpdatesFlushedEveryWordEqualInPlaceUpdates() {
        // With a BPTT block of one word the deferred class-layer update is applied before the next
        // word is read, exactly when the in-place update would have been: same model up to rounding.
        Path train = RnnTestData.toyText(dir, "train.txt", 200, 1);
        RnnConfig config = RnnConfig.defaults().withHidden(8).withClasses(4).withBptt(3, 1);
        RnnVocabulary vocabulary = Corpus.countAndBuild(train, 0, 4, true);
        int[] units = Corpus.read(train, vocabulary).units();
        RnnModel inPlace = RnnModel.create(config, vocabulary);
        RnnModel deferred = RnnModel.create(config, vocabulary);
        new TextPass(inPlace, units, new Progress("t", 0, "w")).train(0, units.length, inPlace.startState(), 0.1f, false);
        new TextPass(deferred, units, new Progress("t", 0, "w")).train(0, units.length, deferred.startState(), 0.1f, true);
        List<WeightBlock> a = inPlace.weights();
        List<WeightBlock> b = deferred.weights();
        for (int k = 0; k < a.size(); k++) {
            float[] x = a.get(k).values();
            float[] y = b.get(k).values();
            for (int i = 0; i < x.length; i++) {
                assertEquals(x[i], y[i], 1e-4, a.get(k).name() + "[" + i + "]");
            }
        }
    }

    @Test
    void twoThreadsLearnAsWellAsOne() {
        Path train = RnnTestData.toyText(dir, "train.txt", 2000, 1);
        Path valid = RnnTestData.toyText(dir, "valid.txt", 200, 2);
        RnnConfig config = RnnConfig.defaults().withHidden(16).withClasses(4).withBptt(3, 5);
        List<RnnTrainer.Epoch> one = new RnnTrainer(config, train, valid, dir.resolve("one.bin"), 1, line -> { }).run();
        List<RnnTrainer.Epoch> two = new RnnTrainer(config, train, valid, dir.resolve("two.bin"), 2, line -> { }).run();
        double pplOne = one.get(one.size() - 1).validPerplexity();
        double pplTwo = two.get(two.size() - 1).validPerplexity();
        assertTrue(pplTwo < 1.05 * pplOne, "2 threads " + pplTwo + " vs 1 thread " + pplOne);
    }
}
