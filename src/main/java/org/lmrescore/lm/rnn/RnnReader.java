package org.lmrescore.lm.rnn;

import java.util.Arrays;

/**
 * The one per-word loop of an RNN LM over a stream of units, shared by training, validation,
 * perplexity and dynamic evaluation, as the rnnlm toolkit reads text: the first input is
 * {@code </s>}, the hidden state carries over sentence ends (reset after each {@code </s>} in
 * independent mode), and an unknown unit (-1) is not scored and gives no input.
 *
 * <p>With a learning rate &gt; 0 every word is scored, then learnt (SGD with truncated BPTT):
 * the output layer's update at each word, the hidden layer's every {@code bptt-block} words and at
 * an independent sentence's end, with rnnlm's L2 shrink on every 10th word. That is both an epoch
 * of training and dynamic evaluation. With rate 0 the model is only read.
 *
 * <p>Scores may be deferred to a {@link ScoringBatch} ({@link #readInto}) when scoring, and in
 * dynamic evaluation when the output layer {@linkplain OutputLayer#defersDynamicScores can}.
 */
final class RnnReader {
    private final RnnModel model;
    private final OutputLayer out;
    private final DirectConnections direct;
    private final OutputLayer.Scratch scratch;
    private final RnnVocabulary vocabulary;
    private final float alpha;
    private final float decayed;
    private final float clip;
    private final int block;
    private final boolean independent;
    /** Score with {@link OutputLayer#logProb} before training, the training score being only an estimate. */
    private final boolean scoreSeparately;
    /** Dynamic evaluation whose scores {@link #readInto} may leave to a batch. */
    private final boolean deferrable;
    private final int eos;
    private final int[] history;
    private final float[] reset;
    /** Training: the BPTT window; scoring: two state buffers. */
    private final BpttWindow window;
    private float[] state;
    private float[] next;
    private int last;
    private long counter;
    private boolean dirty;

    /**
     * @param alpha       learning rate (0: score only)
     * @param parallel    other threads train the same model at once
     * @param exactScores return exact ln P even when the output layer's training score is an estimate
     *                    (dynamic evaluation); training statistics may use the estimate
     * @param start       the state before the first input
     * @param stream      seeds the output layer's random draws (NCE noise): one per epoch and thread
     */
    RnnReader(RnnModel model, float alpha, boolean parallel, boolean exactScores, float[] start, long stream) {
        this(model, alpha, parallel, exactScores, start, stream, false);
    }

    /**
     * As above; {@code batchedDynamic}: in dynamic evaluation the caller scores through
     * {@link #readInto} whenever the output layer can defer scores ({@link #defersScores}).
     */
    RnnReader(RnnModel model, float alpha, boolean parallel, boolean exactScores, float[] start, long stream,
              boolean batchedDynamic) {
        RnnConfig c = model.config();
        this.model = model;
        this.out = model.output();
        this.direct = model.direct();
        boolean defer = parallel && model.hidden().toleratesDeferredUpdates();
        int directOrder = direct == null ? 1 : direct.order();
        boolean dynamic = alpha > 0 && exactScores;
        this.deferrable = batchedDynamic && dynamic && out.defersDynamicScores(direct);
        this.scratch = dynamic ? out.newDynamicScratch(directOrder, stream, deferrable)
                : out.newScratch(directOrder, defer, stream);
        this.vocabulary = model.vocabulary();
        this.alpha = alpha;
        this.decayed = (float) (1 - alpha * c.beta());
        this.clip = (float) c.gradientClip();
        this.block = c.bpttBlock();
        this.independent = c.independent();
        this.scoreSeparately = exactScores && !out.exactTrainingScore();
        this.eos = vocabulary.eosUnit();
        this.last = eos;
        this.history = model.newHistory();
        this.reset = new float[start.length];
        model.hidden().resetState(reset);
        if (alpha > 0) {
            window = parallel ? model.hidden().newParallelWindow(c.bptt(), c.bpttBlock())
                    : model.hidden().newWindow(c.bptt(), c.bpttBlock());
            window.start(start);
        } else {
            window = null;
            state = start.clone();
            next = new float[start.length];
        }
    }

    /**
     * Reads the next unit: predicts it from the words so far and, when training, learns it.
     *
     * @return ln P(target | words so far), the rare unit's share included; NaN for an unknown unit
     */
    double read(int target) {
        if (deferrable) {
            throw new IllegalStateException("this reader defers its scores: use readInto");
        }
        return step(target, null);
    }

    /**
     * Reads the next unit as {@link #read} does but, instead of scoring it, hands the prediction
     * (state, history, target) to {@code batch}, which scores many at once: when only scoring,
     * or in dynamic evaluation that {@link #defersScores}.
     */
    void readInto(int target, ScoringBatch batch) {
        if (window != null && !deferrable) {
            throw new IllegalStateException("batched reading is for scoring and deferrable dynamic evaluation");
        }
        step(target, batch);
    }

    /** Whether {@link #readInto} may be used while learning (dynamic evaluation with deferred scores). */
    boolean defersScores() {
        return deferrable;
    }

    /** The one step: predicts the unit, scores it (or leaves that to {@code batch}) and, when training, learns it. */
    private double step(int target, ScoringBatch batch) {
        TextPass.push(history, last);
        double lp = Double.NaN;
        if (window == null) {
            model.hidden().step(last, state, next);
            float[] swap = state;
            state = next;
            next = swap;
            if (target >= 0) {
                if (batch != null) {
                    batch.add(state, history, target);
                } else {
                    lp = out.logProb(state, target, direct, history, scratch) + vocabulary.shareOfUnit(target);
                }
            }
        } else {
            float[] h = window.forward(last);
            float keep = counter % 10 == 0 ? decayed : 1f;
            if (target >= 0) {
                if (batch != null) {
                    batch.add(h, history, target);  // scored later with the weights of now (the output's journal)
                }
                double exact = scoreSeparately && batch == null ? out.logProb(h, target, direct, history, scratch) : 0;
                double trained = out.train(h, target, window.outputError(), direct, history, scratch, alpha, keep);
                if (batch == null) {
                    lp = (scoreSeparately ? exact : trained) + vocabulary.shareOfUnit(target);
                }
                dirty = true;
            }
            counter++;
            if (counter % block == 0) {
                window.backward(alpha, keep, clip);
                out.flush(scratch);
                dirty = false;
            }
            if (independent && target == eos) {
                if (dirty) {
                    window.backward(alpha, keep, clip);
                    dirty = false;
                }
                window.start(reset);
            }
        }
        if (independent && target == eos) {
            if (window == null) {
                System.arraycopy(reset, 0, state, 0, state.length);
            }
            Arrays.fill(history, eos);
        }
        last = target;
        return lp;
    }

    /** A batch for {@link #readInto} with this reader's model and scratch. */
    ScoringBatch newBatch() {
        return new ScoringBatch(out.batchSize(), model.hidden().size(), history.length);
    }

    /** Predictions waiting to be scored together by the output layer. */
    final class ScoringBatch {
        private final float[][] states;
        private final int[][] histories;
        private final int[] targets;
        private final double[] scores;
        private int count;

        private ScoringBatch(int size, int hiddenSize, int historyLength) {
            states = new float[size][hiddenSize];
            histories = new int[size][historyLength];
            targets = new int[size];
            scores = new double[size];
        }

        private void add(float[] h, int[] hist, int target) {
            System.arraycopy(h, 0, states[count], 0, states[count].length);
            System.arraycopy(hist, 0, histories[count], 0, hist.length);
            targets[count++] = target;
        }

        boolean full() {
            return count == targets.length;
        }

        int size() {
            return count;
        }

        /** Scores the batch and empties it; returns the sum of its ln P, rare-unit shares included. */
        double score() {
            double[] each = scoreEach();
            double sum = 0;
            for (int b = 0; b < each.length; b++) {
                sum += each[b];
            }
            return sum;
        }

        /**
         * Scores the batch and empties it; returns each prediction's ln P (rare-unit share
         * included) in the order they were read, in an array valid until the next call.
         */
        double[] scoreEach() {
            out.logProbs(states, targets, histories, count, direct, scratch, scores);
            for (int b = 0; b < count; b++) {
                scores[b] += vocabulary.shareOfUnit(targets[b]);
            }
            double[] result = count == scores.length ? scores : Arrays.copyOf(scores, count);
            count = 0;
            return result;
        }
    }

    /** Applies the updates still pending (the last, partial BPTT block). */
    void finish() {
        if (window != null) {
            if (dirty) {
                window.backward(alpha, 1f, clip);
                dirty = false;
            }
            window.flush();
            out.flush(scratch);
        }
    }

    /** The state after the last input (a view; copy it to keep it). */
    float[] state() {
        return window == null ? state : window.state();
    }
}
