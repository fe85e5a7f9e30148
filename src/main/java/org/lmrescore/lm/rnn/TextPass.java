package org.lmrescore.lm.rnn;

import org.lmrescore.util.Progress;

/**
 * One left-to-right pass of a model over a stretch of text, as the rnnlm toolkit reads it: the
 * hidden state carries over sentence ends (reset at each {@code </s>} in independent mode), the
 * first input is {@code </s>}, unknown words (-1) are skipped in the score and give no input,
 * and a rare word scores its share of the rare unit (so entropies are true per-word figures).
 *
 * <p>With a learning rate &gt; 0 the pass also trains (SGD with truncated BPTT): each word is
 * scored before the update it causes, which is both an epoch of training and dynamic evaluation.
 */
final class TextPass {
    private final RnnModel model;
    private final RnnVocabulary vocabulary;
    private final int[] units;
    private final Progress progress;
    /** Log-likelihood (natural log) of the scored words. */
    double logLikelihood;
    long scored;
    long unknown;
    /** CPU seconds the pass took on its thread. */
    double cpuSeconds;
    /** The state the last word was predicted from (a text's end state, for the model's start state). */
    float[] endState;

    TextPass(RnnModel model, int[] units, Progress progress) {
        this.model = model;
        this.vocabulary = model.vocabulary();
        this.units = units;
        this.progress = progress;
    }

    /** Scores tokens [from, to) without changing the model. */
    void evaluate(int from, int to, float[] startState) {
        HiddenLayer layer = model.hidden();
        ClassOutput out = model.output();
        DirectConnections direct = model.direct();
        ClassOutput.Scratch scratch = out.newScratch(direct == null ? 1 : direct.order());
        int[] history = model.newHistory();
        float[] state = startState.clone();
        float[] next = new float[state.length];
        float[] reset = new float[state.length];
        layer.resetState(reset);
        boolean independent = model.config().independent();
        int eos = model.vocabulary().eosUnit();
        int last = eos;
        int pending = 0;
        for (int t = from; t < to; t++) {
            int target = units[t];
            push(history, last);
            layer.step(last, state, next);
            float[] swap = state;
            state = next;
            next = swap;
            if (target >= 0) {
                logLikelihood += out.logProb(state, target, direct, history, scratch) + vocabulary.shareOfUnit(target);
                scored++;
            } else {
                unknown++;
            }
            if (independent && target == eos) {
                System.arraycopy(reset, 0, state, 0, state.length);
                java.util.Arrays.fill(history, eos);
            }
            last = target;
            if (++pending == 4096) {
                progress.advance(pending);
                pending = 0;
            }
        }
        progress.advance(pending);
        endState = state.clone();
    }

    /** Scores and trains on tokens [from, to) with learning rate {@code alpha}. */
    void train(int from, int to, float[] startState, float alpha) {
        train(from, to, startState, alpha, false);
    }

    /**
     * As {@link #train(int, int, float[], float)}; with {@code parallel} (several threads on one
     * model) the class layer's updates are summed per thread and applied once per BPTT block.
     */
    void train(int from, int to, float[] startState, float alpha, boolean parallel) {
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = cpu.getCurrentThreadCpuTime();
        RnnConfig c = model.config();
        ClassOutput out = model.output();
        DirectConnections direct = model.direct();
        int directOrder = direct == null ? 1 : direct.order();
        ClassOutput.Scratch scratch = parallel ? out.newDeferringScratch(directOrder) : out.newScratch(directOrder);
        BpttWindow window = model.hidden().newWindow(c.bptt(), c.bpttBlock());
        window.start(startState);
        float[] reset = new float[startState.length];
        model.hidden().resetState(reset);
        int[] history = model.newHistory();
        float decayed = (float) (1 - alpha * c.beta());
        float clip = (float) c.gradientClip();
        int block = c.bpttBlock();
        boolean independent = c.independent();
        int eos = model.vocabulary().eosUnit();
        int last = eos;
        long counter = 0;
        int pending = 0;
        boolean dirty = false;
        for (int t = from; t < to; t++) {
            int target = units[t];
            push(history, last);
            float[] h = window.forward(last);
            // L2 every 10th word, as rnnlm does.
            float keep = counter % 10 == 0 ? decayed : 1f;
            if (target >= 0) {
                logLikelihood += out.train(h, target, window.outputError(), direct, history, scratch, alpha, keep)
                        + vocabulary.shareOfUnit(target);
                scored++;
                dirty = true;
            } else {
                unknown++;
            }
            counter++;
            if (counter % block == 0) {
                window.backward(alpha, keep, clip);
                out.flushClassUpdates(scratch);
                dirty = false;
            }
            if (independent && target == eos) {
                if (dirty) {
                    window.backward(alpha, keep, clip);
                    dirty = false;
                }
                window.start(reset);
                java.util.Arrays.fill(history, eos);
            }
            last = target;
            if (++pending == 1024) {
                progress.advance(pending);
                pending = 0;
            }
        }
        if (dirty) {
            window.backward(alpha, 1f, clip);
        }
        out.flushClassUpdates(scratch);
        progress.advance(pending);
        endState = window.state().clone();
        cpuSeconds = (cpu.getCurrentThreadCpuTime() - cpu0) / 1e9;
    }

    /** Shifts the direct-connection history and puts {@code unit} first. */
    static void push(int[] history, int unit) {
        System.arraycopy(history, 0, history, 1, history.length - 1);
        history[0] = unit;
    }
}
