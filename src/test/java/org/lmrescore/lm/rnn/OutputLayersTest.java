package org.lmrescore.lm.rnn;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmrescore.util.Progress;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutputLayersTest {
    @TempDir
    Path dir;

    private static RnnModel model(String output, long direct) {
        List<String> words = List.of("</s>", "a", "b", "c", "d", "e", "f", "g");
        long[] counts = {30, 12, 9, 7, 5, 4, 2, 1};
        RnnVocabulary v = RnnVocabulary.build(words, counts, 0, 3, true);
        RnnModel m = RnnModel.create(RnnConfig.defaults().withHidden(6).withClasses(3).withDirect(direct, 3)
                .withOutput(output, 4), v);
        Random r = new Random(5);
        for (WeightBlock b : m.weights()) {
            for (int i = 0; i < b.values().length; i++) {
                b.values()[i] = (float) r.nextGaussian();
            }
        }
        return m;
    }

    /** NCE's batched exact scores (the validation path) are its one-at-a-time exact scores. */
    @Test
    void nceBatchScoresEqualSingleScores() {
        for (long direct : new long[] {0, 97}) {
            RnnModel m = model(OutputLayers.NCE, direct);
            OutputLayer out = m.output();
            OutputLayer.Scratch s = out.newScratch(3, false, 0);
            int n = 37;  // more than one batch, and a partial one
            float[][] hs = new float[n][6];
            int[][] histories = new int[n][2];
            int[] targets = new int[n];
            Random r = new Random(1);
            for (int b = 0; b < n; b++) {
                for (int i = 0; i < 6; i++) {
                    hs[b][i] = r.nextFloat();
                }
                histories[b] = new int[] {r.nextInt(8), r.nextInt(8)};
                targets[b] = r.nextInt(8);
            }
            double[] batch = new double[n];
            out.logProbs(hs, targets, histories, n, m.direct(), s, batch);
            for (int b = 0; b < n; b++) {
                assertEquals(out.logProb(hs[b], targets[b], m.direct(), histories[b], s), batch[b], 1e-5, "prediction " + b);
            }
        }
    }

    /**
     * A vocabulary large enough that NCE's exact normaliser is split over threads
     * ({@link RowBlocks}): the split products equal one plain product over all rows, bit for bit,
     * and the batched scores equal the single ones.
     */
    @Test
    void nceLargeVocabularyScoresDoNotDependOnTheSplit() {
        int units = 20_000;
        int hidden = 64;  // units * hidden > RowBlocks.PARALLEL_WORK: the one-word product is split too
        assertTrue((long) units * hidden >= RowBlocks.PARALLEL_WORK);
        String[] words = new String[units];
        long[] counts = new long[units];
        words[0] = "</s>";
        counts[0] = units;
        for (int u = 1; u < units; u++) {
            words[u] = "w" + u;
            counts[u] = 1 + units / u;
        }
        RnnVocabulary v = RnnVocabulary.build(List.of(words), counts, 0, 10, true);
        RnnModel m = RnnModel.create(RnnConfig.defaults().withHidden(hidden).withOutput(OutputLayers.NCE, 10), v);
        Random r = new Random(9);
        for (WeightBlock b : m.weights()) {
            for (int i = 0; i < b.values().length; i++) {
                b.values()[i] = (float) (0.3 * r.nextGaussian());
            }
        }
        NceOutput out = (NceOutput) m.output();
        OutputLayer.Scratch s = out.newScratch(0, false, 0);
        int n = 40;
        float[][] hs = new float[n][hidden];
        int[][] histories = new int[n][0];
        int[] targets = new int[n];
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < hidden; i++) {
                hs[b][i] = r.nextFloat();
            }
            targets[b] = r.nextInt(units);
        }
        double[] batch = new double[n];
        out.logProbs(hs, targets, histories, n, null, s, batch);
        float[] z = new float[units];
        double[] all = new double[units];
        for (int b = 0; b < n; b++) {
            for (int u = 0; u < units; u++) {  // one row at a time, the product every path computes
                z[u] = Blas.chainDot(out.wordWeights, u * hidden, hs[b], hidden);
            }
            Blas.axpy(1f, out.bias, 0, z, units);
            double serial = z[targets[b]] - Blas.logSumExp(z, units);
            assertEquals(serial, out.logProb(hs[b], targets[b], null, histories[b], s), 0, "prediction " + b);
            assertEquals(serial, batch[b], 0, "batched prediction " + b);
            if (b == 0) {
                out.unitLogProbs(hs[b], null, histories[b], s, all);
                double sum = 0;
                for (double lp : all) {
                    sum += Math.exp(lp);
                }
                assertEquals(1.0, sum, 1e-6);
            }
        }
    }

    /** The validation pass gives the same log-likelihood batched (NCE) as word by word. */
    @Test
    void batchedValidationEqualsWordByWordReading() {
        Path text = RnnTestData.toyText(dir, "t.txt", 40, 3);
        RnnModel m = model(OutputLayers.NCE, 97);
        Corpus c = Corpus.read(text, m.vocabulary());
        TextPass batched = new TextPass(m, c.units(), new Progress("v", 0, "w"));
        batched.evaluate(0, c.size(), m.startState());
        RnnReader reader = new RnnReader(m, 0f, false, true, m.startState(), 0);
        double sum = 0;
        long scored = 0;
        for (int u : c.units()) {
            double lp = reader.read(u);
            if (!Double.isNaN(lp)) {
                sum += lp;
                scored++;
            }
        }
        assertEquals(scored, batched.scored);
        assertEquals(sum, batched.logLikelihood, 1e-6 * Math.abs(sum));
        assertTrue(c.size() > 2 * NceOutput.BATCH, "several batches");
    }

    /** NCE training drives the unnormalised scores towards the normalised ones. */
    @Test
    void nceTrainingLearnsAndSelfNormalises() {
        Path train = RnnTestData.toyText(dir, "train.txt", 600, 1);
        Path valid = RnnTestData.toyText(dir, "valid.txt", 60, 2);
        RnnConfig config = RnnConfig.defaults().withHidden(12).withBptt(3, 5).withOutput(OutputLayers.NCE, 10)
                .withTraining(0.1, 1e-7, 1.003, 15, false, 1, 8);
        List<RnnTrainer.Epoch> epochs = new RnnTrainer(config, train, valid, dir.resolve("nce.bin"), 1, l -> { }).run();
        RnnTrainer.Epoch last = epochs.get(epochs.size() - 1);
        // the toy grammar's entropy is about 1.9 bits a word; a unigram model has about 3.9
        assertTrue(last.validEntropy() < 2.6, "validation entropy " + last.validEntropy());
        // training reports the unnormalised score: close to the normalised validation figure
        assertEquals(last.validEntropy(), last.trainEntropy(), 0.5);
    }

    @Test
    void shuffledTextKeepsEverySentenceAndBlock() {
        Path text = RnnTestData.toyText(dir, "t.txt", 95, 4);
        RnnVocabulary v = Corpus.countAndBuild(text, 0, 5, true);
        Corpus c = Corpus.read(text, v);
        Corpus a = c.shuffled(1, 10);
        Corpus b = c.shuffled(1, 10);
        Corpus other = c.shuffled(2, 10);
        assertEquals(c.size(), a.size());
        assertEquals(c.sentences(), a.sentences());
        assertEquals(java.util.Arrays.toString(a.units()), java.util.Arrays.toString(b.units()), "seeded");
        assertNotEquals(java.util.Arrays.toString(a.units()), java.util.Arrays.toString(other.units()));
        assertNotEquals(java.util.Arrays.toString(c.units()), java.util.Arrays.toString(a.units()));
        int[] sortedBefore = c.units().clone();
        int[] sortedAfter = a.units().clone();
        java.util.Arrays.sort(sortedBefore);
        java.util.Arrays.sort(sortedAfter);
        assertEquals(java.util.Arrays.toString(sortedBefore), java.util.Arrays.toString(sortedAfter), "same tokens");
        // blocks of 10 sentences move whole: each of the original's blocks stands in the shuffled text
        String shuffled = " " + java.util.Arrays.toString(a.units()).replaceAll("[\\[\\],]", "") + " ";
        for (int s = 0, at = 0; s < c.sentences(); s += 10) {
            int end = s + 10 >= c.sentences() ? c.size() : endOfSentence(c, s + 9);
            String block = java.util.Arrays.toString(java.util.Arrays.copyOfRange(c.units(), at, end)).replaceAll("[\\[\\],]", "");
            assertTrue(shuffled.contains(" " + block + " "), "block at sentence " + s);
            at = end;
        }
    }

    /** Token index just past sentence s of a corpus. */
    private static int endOfSentence(Corpus c, int s) {
        int eos = 0;
        int seen = -1;
        int[] u = c.units();
        for (int t = 0; t < u.length; t++) {
            if (u[t] == eos && ++seen == s) {
                return t + 1;
            }
        }
        return u.length;
    }
}
