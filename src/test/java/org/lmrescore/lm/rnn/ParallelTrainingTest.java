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
        // Flushed after every word, the deferred class-layer update is applied before the next word
        // is scored, exactly when the in-place update would have been: same weights, same errors.
        List<String> words = List.of("</s>", "a", "b", "c", "d", "e", "f", "g");
        long[] counts = {30, 12, 9, 7, 5, 4, 2, 1};
        RnnVocabulary v = RnnVocabulary.build(words, counts, 0, 3, true);
        RnnConfig config = RnnConfig.defaults().withHidden(6).withClasses(3);
        OutputLayer inPlace = OutputLayers.create(config, v, new java.util.Random(4));
        OutputLayer deferred = OutputLayers.create(config, v, new java.util.Random(4));
        OutputLayer.Scratch a = inPlace.newScratch(1, false, 0);
        OutputLayer.Scratch b = deferred.newScratch(1, true, 0);
        java.util.Random r = new java.util.Random(9);
        for (int t = 0; t < 50; t++) {
            float[] h = new float[6];
            for (int i = 0; i < h.length; i++) {
                h[i] = r.nextFloat();
            }
            int unit = r.nextInt(8);
            float[] dhA = new float[6];
            float[] dhB = new float[6];
            double lpA = inPlace.train(h, unit, dhA, null, new int[0], a, 0.1f, 0.99f);
            double lpB = deferred.train(h, unit, dhB, null, new int[0], b, 0.1f, 0.99f);
            deferred.flush(b);
            assertEquals(lpA, lpB, 1e-6, "word " + t);
            assertArrayEquals(dhA, dhB, 1e-6f, "word " + t);
        }
        for (int k = 0; k < inPlace.weights().size(); k++) {
            assertArrayEquals(inPlace.weights().get(k).values(), deferred.weights().get(k).values(), 1e-5f,
                    inPlace.weights().get(k).name());
        }
    }

    /** Only hidden layers measured to train well with deferred output updates get them. */
    @Test
    void outputUpdatesAreDeferredOnlyWhereTheHiddenLayerToleratesIt() {
        Path train = RnnTestData.toyText(dir, "train.txt", 200, 1);
        RnnVocabulary vocabulary = Corpus.countAndBuild(train, 0, 4, true);
        int[] units = Corpus.read(train, vocabulary).units();
        for (String type : new String[] {"sigmoid", "gru"}) {
            RnnConfig config = RnnConfig.defaults().withHidden(8).withClasses(4).withBptt(3, 5).withHiddenType(type);
            RnnModel alone = RnnModel.create(config, vocabulary);
            RnnModel parallel = RnnModel.create(config, vocabulary);
            new TextPass(alone, units, new Progress("t", 0, "w")).train(0, units.length, alone.startState(), 0.1f, false, 0);
            new TextPass(parallel, units, new Progress("t", 0, "w")).train(0, units.length, parallel.startState(), 0.1f, true, 0);
            float[] x = alone.output().weights().get(0).values();
            float[] y = parallel.output().weights().get(0).values();
            boolean same = java.util.Arrays.equals(x, y);
            assertEquals(!parallel.hidden().toleratesDeferredUpdates(), same, type);
        }
        assertTrue(ElmanLayer.random(Activation.SIGMOID, 3, 4, new java.util.Random(1)).toleratesDeferredUpdates());
        assertTrue(!GruLayer.random(3, 4, new java.util.Random(1)).toleratesDeferredUpdates());
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
