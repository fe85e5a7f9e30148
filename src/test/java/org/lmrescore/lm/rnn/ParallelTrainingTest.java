package org.lmrescore.lm.rnn;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmrescore.util.Progress;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParallelTrainingTest {
    @TempDir
    Path dir;

    @Test
    void deferredClassUpdatesFlushedEveryWordEqualInPlaceUpdates() {
        // With a BPTT block of one word the deferred class-layer update is applied before the next
        // word is read, exactly when the in-place update would have been: same model up to rounding.
        // (A GRU, whose parallel window updates in place, so only the class layer defers.)
        Path train = RnnTestData.toyText(dir, "train.txt", 200, 1);
        RnnConfig config = RnnConfig.defaults().withHidden(8).withClasses(4).withBptt(3, 1).withHiddenType("gru");
        RnnVocabulary vocabulary = Corpus.countAndBuild(train, 0, 4, true);
        int[] units = Corpus.read(train, vocabulary).units();
        RnnModel inPlace = RnnModel.create(config, vocabulary);
        RnnModel deferred = RnnModel.create(config, vocabulary);
        new TextPass(inPlace, units, new Progress("t", 0, "w")).train(0, units.length, inPlace.startState(), 0.1f, false, 0);
        new TextPass(deferred, units, new Progress("t", 0, "w")).train(0, units.length, deferred.startState(), 0.1f, true, 0);
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

    /**
     * The recurrent matrix's deferred updates: flushed after every block they equal the in-place
     * ones; deferred over three blocks they add up to the same sum (the errors here do not depend on
     * the weights: the output error is fixed and bptt is 1).
     */
    @Test
    void deferredRecurrentUpdatesAddUpToTheInPlaceOnes() {
        for (int deferred : new int[] {1, 3}) {
            ElmanLayer a = ElmanLayer.random(Activation.SIGMOID, 5, 6, new java.util.Random(3));
            ElmanLayer b = ElmanLayer.random(Activation.SIGMOID, 5, 6, new java.util.Random(3));
            BpttWindow inPlace = a.newWindow(1, 2, 0);
            BpttWindow buffered = b.newWindow(1, 2, deferred);
            float[] start = new float[6];
            java.util.Arrays.fill(start, 0.3f);
            inPlace.start(start);
            buffered.start(start);
            int[] words = {1, 4, 2, 0, 3, 3};
            for (int t = 0; t < words.length; t++) {
                for (BpttWindow w : new BpttWindow[] {inPlace, buffered}) {
                    w.forward(words[t]);
                    w.outputError()[t % 6] = 0.5f;
                    if (t % 2 == 1) {
                        w.backward(0.1f, 1f, 15f);
                    }
                }
                if (deferred == 1) {
                    assertArrayEquals(a.recurrent, b.recurrent, 1e-6f, "step " + t);
                }
            }
            buffered.flush();
            if (deferred == 3) {
                // the forward states differed (stale W), so allow for that second-order effect
                assertArrayEquals(a.recurrent, b.recurrent, 2e-3f, "deferred over 3 blocks");
                assertTrue(maxChange(a.recurrent, ElmanLayer.random(Activation.SIGMOID, 5, 6, new java.util.Random(3)).recurrent) > 1e-3,
                        "the updates were not negligible");
            }
        }
    }

    private static double maxChange(float[] x, float[] y) {
        double d = 0;
        for (int i = 0; i < x.length; i++) {
            d = Math.max(d, Math.abs(x[i] - y[i]));
        }
        return d;
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
