package org.lmrescore.lm.rnn;

import org.lmrescore.util.Progress;

/**
 * One pass of a model over a stretch of a {@link Corpus} with an {@link RnnReader}, gathering
 * the statistics an epoch reports: log-likelihood of the scored words (natural log), how many
 * were scored and unknown, the thread's CPU time, and the state the text ends in.
 */
final class TextPass {
    private final RnnModel model;
    private final int[] units;
    private final Progress progress;
    /** Log-likelihood (natural log) of the scored words. */
    double logLikelihood;
    long scored;
    long unknown;
    /** CPU seconds the pass took on its thread. */
    double cpuSeconds;
    /** The state after the last word (a text's end state, for the model's start state). */
    float[] endState;

    TextPass(RnnModel model, int[] units, Progress progress) {
        this.model = model;
        this.units = units;
        this.progress = progress;
    }

    /** Scores tokens [from, to) without changing the model. */
    void evaluate(int from, int to, float[] startState) {
        RnnReader reader = new RnnReader(model, 0f, false, true, startState, 0);
        if (model.output().batchSize() == 1) {
            run(reader, from, to);
            return;
        }
        // An output whose exact score reads all its weights scores many predictions at once.
        RnnReader.ScoringBatch batch = reader.newBatch();
        int pending = 0;
        for (int t = from; t < to; t++) {
            int target = units[t];
            reader.readInto(target, batch);
            if (target < 0) {
                unknown++;
            }
            if (batch.full() || t == to - 1) {
                scored += batch.size();
                logLikelihood += batch.score();
            }
            if (++pending == 1024) {
                progress.advance(pending);
                pending = 0;
            }
        }
        progress.advance(pending);
        endState = reader.state().clone();
    }

    /** Scores and trains on tokens [from, to) with learning rate {@code alpha}. */
    void train(int from, int to, float[] startState, float alpha) {
        train(from, to, startState, alpha, false, 0);
    }

    /**
     * As {@link #train(int, int, float[], float)}; {@code parallel} when other threads train the
     * model at once; {@code stream} seeds the pass's random draws (see {@link RnnReader}).
     */
    void train(int from, int to, float[] startState, float alpha, boolean parallel, long stream) {
        run(new RnnReader(model, alpha, parallel, false, startState, stream), from, to);
    }

    private void run(RnnReader reader, int from, int to) {
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = cpu.getCurrentThreadCpuTime();
        int pending = 0;
        for (int t = from; t < to; t++) {
            double lp = reader.read(units[t]);
            if (Double.isNaN(lp)) {
                unknown++;
            } else {
                logLikelihood += lp;
                scored++;
            }
            if (++pending == 1024) {
                progress.advance(pending);
                pending = 0;
            }
        }
        reader.finish();
        progress.advance(pending);
        endState = reader.state().clone();
        cpuSeconds = (cpu.getCurrentThreadCpuTime() - cpu0) / 1e9;
    }

    /** Shifts the direct-connection history and puts {@code unit} first. */
    static void push(int[] history, int unit) {
        System.arraycopy(history, 0, history, 1, history.length - 1);
        history[0] = unit;
    }
}
