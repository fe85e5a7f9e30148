package org.lmrescore.lm.rnn;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Random;
import java.util.function.DoubleSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Back-propagated gradients against central finite differences of the loss -ln P, on a tiny
 * network, for every parameter block. With learning rate 1, an update equals minus the
 * gradient, so the test reads the gradient as (weights after - weights before).
 */
class GradientCheckTest {
    private static final double EPS = 1e-3;

    private static RnnModel tinyModel(long direct) {
        return tinyModel("sigmoid", direct);
    }

    private static RnnModel tinyModel(String type, long direct) {
        return tinyModel(type, 1, direct);
    }

    private static RnnModel tinyModel(String type, int layers, long direct) {
        return tinyModel(type, layers, direct, OutputLayers.CLASS);
    }

    private static RnnModel tinyModel(String type, int layers, long direct, String output) {
        List<String> words = List.of("</s>", "a", "b", "c", "d", "e", "f");
        long[] counts = {10, 9, 7, 5, 3, 2, 1};
        RnnVocabulary v = RnnVocabulary.build(words, counts, 0, 3, true);
        RnnConfig c = RnnConfig.defaults().withHidden(5).withClasses(3).withDirect(direct, 3).withHiddenType(type).withLayers(layers)
                .withOutput(output, 3);
        RnnModel m = RnnModel.create(c, v);
        Random r = new Random(7);
        for (WeightBlock b : m.weights()) {
            for (int i = 0; i < b.values().length; i++) {
                b.values()[i] = (float) (r.nextGaussian() * 0.5);
            }
        }
        return m;
    }

    @ParameterizedTest
    @CsvSource({"class", "hs"})
    void outputLayerAndDirectConnections(String output) {
        RnnModel m = tinyModel("sigmoid", 1, 61, output);
        OutputLayer out = m.output();
        OutputLayer.Scratch s = out.newScratch(3, false, 0);
        float[] h = {0.2f, 0.9f, 0.5f, 0.1f, 0.7f};
        int[] history = {4, 2};
        for (int target : new int[] {0, 3, 6}) {
            int checked = checkOutputStep(m, h, () -> -out.logProb(h, target, m.direct(), history, s),
                    dh -> out.train(h, target, dh, m.direct(), history, s, 1f, 1f), "target " + target);
            assertTrue(checked > (output.equals("hs") ? 8 : 20), "gradients of the output and direct blocks were non-zero");
        }
    }

    /** NCE ascends its own objective (target against the given noise), not ln P: checked against that. */
    @Test
    void nceObjectiveAndDirectConnections() {
        RnnModel m = tinyModel("sigmoid", 1, 61, OutputLayers.NCE);
        NceOutput out = (NceOutput) m.output();
        OutputLayer.Scratch s = out.newScratch(3, false, 0);
        float[] h = {0.2f, 0.9f, 0.5f, 0.1f, 0.7f};
        int[] history = {4, 2};
        int[][] noises = {{1, 5, 2}, {0, 6, 4}, {3, 1, 0}};
        int[] targets = {0, 3, 6};
        for (int k = 0; k < targets.length; k++) {
            int target = targets[k];
            int[] noise = noises[k];
            int checked = checkOutputStep(m, h, () -> -out.objective(h, target, noise, m.direct(), history, s),
                    dh -> out.train(h, target, noise, dh, m.direct(), history, s, 1f, 1f), "target " + target);
            assertTrue(checked > 20, "gradients of the word, bias and direct blocks were non-zero");
        }
    }

    /**
     * One output-layer training step at learning rate 1 against the finite differences of
     * {@code loss}: the change of every output and direct weight, and the error sent to h.
     *
     * @return how many weights had a non-zero gradient
     */
    private static int checkOutputStep(RnnModel m, float[] h, DoubleSupplier loss,
                                       java.util.function.Consumer<float[]> step, String what) {
        float[][] before = m.snapshot();
        float[] dh = new float[h.length];
        step.accept(dh);
        float[][] after = m.snapshot();
        m.restore(before);
        List<WeightBlock> blocks = m.weights();
        int checked = 0;
        for (int b = 0; b < blocks.size(); b++) {
            String name = blocks.get(b).name();
            if (!name.startsWith("output") && !name.equals("direct")) {
                continue;
            }
            float[] w = blocks.get(b).values();
            for (int i = 0; i < w.length; i++) {
                double analytic = -(after[b][i] - before[b][i]);
                assertClose(numeric(w, i, loss), analytic, name + "[" + i + "] " + what);
                if (analytic != 0) {
                    checked++;
                }
            }
        }
        for (int i = 0; i < h.length; i++) {
            assertClose(numeric(h, i, loss), -dh[i], "dE/dh[" + i + "] " + what);
        }
        return checked;
    }

    @ParameterizedTest
    @CsvSource({"sigmoid,1", "tanh,1", "relu,1", "gru,1", "lstm,1", "sigmoid,2", "tanh,3", "relu,2", "gru,2", "lstm,2"})
    void hiddenLayerThroughTime(String type, int layers) {
        RnnModel m = tinyModel(type, layers, 61);
        java.util.Set<String> hiddenBlocks = new java.util.HashSet<>();
        m.hidden().weights().forEach(b -> hiddenBlocks.add(b.name()));
        assertEquals(layers == 1 ? 2 : 2 * layers, hiddenBlocks.size(), hiddenBlocks.toString());
        assertEquals(type, m.hidden().type());
        int[] targets = {3, 1, 6, 2, 0};
        float[] start = new float[m.hidden().stateSize()];
        for (int i = 0; i < start.length; i++) {
            start[i] = 0.1f + 0.8f * ((i * 7) % 10) / 10f;
        }
        DoubleSupplier loss = () -> sequenceLoss(m, targets, start);
        float[][] before = m.snapshot();
        BpttWindow window = m.hidden().newWindow(targets.length, targets.length);
        window.start(start);
        OutputLayer.Scratch s = m.output().newScratch(3, false, 0);
        int[] history = RnnModel.emptyHistory(2);
        int last = m.vocabulary().eosUnit();
        for (int t : targets) {
            TextPass.push(history, last);
            float[] h = window.forward(last);
            m.output().train(h, t, window.outputError(), m.direct(), history, s, 0f, 1f);
            last = t;
        }
        window.backward(1f, 1f, 1e9f);
        float[][] after = m.snapshot();
        m.restore(before);
        List<WeightBlock> blocks = m.weights();
        int checked = 0;
        for (int b = 0; b < blocks.size(); b++) {
            String name = blocks.get(b).name();
            if (!hiddenBlocks.contains(name)) {
                assertEquals(0, maxDiff(before[b], after[b]), name + " unchanged by the output's zero learning rate");
                continue;
            }
            float[] w = blocks.get(b).values();
            for (int i = 0; i < w.length; i++) {
                double analytic = -(after[b][i] - before[b][i]);
                assertClose(numeric(w, i, loss), analytic, name + "[" + i + "]");
                if (analytic != 0) {
                    checked++;
                }
            }
        }
        // ReLU units below zero pass no gradient, so fewer weights move there
        assertTrue(checked > (type.equals("relu") ? 30 : 40), checked + " input and recurrent gradients were non-zero");
        if (layers > 1) {
            // the layers below the top get their gradient only through the ones above
            for (int b = 0; b < blocks.size(); b++) {
                if (blocks.get(b).name().startsWith("layer1.")) {
                    assertTrue(maxDiff(before[b], after[b]) > 0, blocks.get(b).name() + " was trained");
                }
            }
        }
    }

    /** -sum ln P of a sequence, run forward from {@code start} with {@code </s>} as the first input. */
    private static double sequenceLoss(RnnModel m, int[] targets, float[] start) {
        float[] state = start.clone();
        float[] next = new float[state.length];
        OutputLayer.Scratch s = m.output().newScratch(3, false, 0);
        int[] history = RnnModel.emptyHistory(2);
        int last = m.vocabulary().eosUnit();
        double total = 0;
        for (int t : targets) {
            TextPass.push(history, last);
            m.hidden().step(last, state, next);
            float[] swap = state;
            state = next;
            next = swap;
            total -= m.output().logProb(state, t, m.direct(), history, s);
            last = t;
        }
        return total;
    }

    private static double numeric(float[] w, int i, DoubleSupplier loss) {
        float keep = w[i];
        w[i] = (float) (keep + EPS);
        double up = loss.getAsDouble();
        w[i] = (float) (keep - EPS);
        double down = loss.getAsDouble();
        w[i] = keep;
        return (up - down) / (2 * EPS);
    }

    private static void assertClose(double numeric, double analytic, String what) {
        double tolerance = 3e-3 + 2e-2 * Math.abs(numeric);
        assertEquals(numeric, analytic, tolerance, what);
    }

    private static double maxDiff(float[] a, float[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }
}
