package org.lmrescore.lm.rnn;

import org.lmrescore.lm.LanguageModel;
import org.lmrescore.lm.LmState;
import org.lmrescore.lm.Vocabulary;

import java.util.List;

/**
 * An {@link RnnModel} as a {@link LanguageModel}: the state is the hidden vector after the words
 * read so far (plus the direct connections' history). A sentence starts from the model's start
 * state with {@code </s>} as input, as the rnnlm toolkit continues from one sentence to the next.
 *
 * <p>A rare word gets its equal share of the rare unit's probability. A word outside the
 * vocabulary ({@link Vocabulary#NONE}) gets the same share, as one more rare word, when the model
 * has a rare unit, and {@link Double#NEGATIVE_INFINITY} when it has none; reading it gives the
 * network no input word, as in rnnlm.
 *
 * <p>Thread-safe as long as nothing trains the model meanwhile.
 */
public final class RnnLanguageModel implements LanguageModel {
    private final RnnModel model;
    private final RnnVocabulary vocabulary;
    private volatile RnnState start;
    private final ThreadLocal<OutputLayer.Scratch> scratch;

    public RnnLanguageModel(RnnModel model) {
        this.model = model;
        this.vocabulary = model.vocabulary();
        int order = model.direct() == null ? 1 : model.direct().order();
        this.scratch = ThreadLocal.withInitial(() -> model.output().newScratch(order, false, 0));
        refreshStart();
    }

    /** Recomputes the sentence-start state; needed after the weights changed (dynamic adaptation). */
    void refreshStart() {
        RnnState before = new RnnState(model.startState().clone(), model.newHistory());
        this.start = advance(before, vocabulary.eosUnit());
    }

    public RnnModel model() {
        return model;
    }

    @Override
    public Vocabulary vocabulary() {
        return vocabulary.words();
    }

    @Override
    public LmState start() {
        return start;
    }

    @Override
    public double logProb(LmState context, int word) {
        RnnState s = (RnnState) context;
        int unit = vocabulary.unitOf(word);
        if (unit < 0) {
            unit = vocabulary.rareUnit();
            if (unit < 0) {
                return Double.NEGATIVE_INFINITY;
            }
        }
        return unitLogProb(s, unit) + vocabulary.shareOfUnit(unit);
    }

    @Override
    public void logProbs(LmState context, double[] out) {
        RnnState s = (RnnState) context;
        double[] units = new double[vocabulary.units()];
        model.output().unitLogProbs(s.hidden, model.direct(), s.history, scratch.get(), units);
        Vocabulary words = vocabulary.words();
        for (int w = 0, n = words.size(); w < n; w++) {
            int unit = vocabulary.unitOf(w);
            out[w] = unit < 0 ? Double.NEGATIVE_INFINITY : units[unit] + vocabulary.shareOfUnit(unit);
        }
    }

    /** ln P(unit | context), the rare unit's total mass for the rare unit. */
    double unitLogProb(RnnState s, int unit) {
        OutputLayer out = model.output();
        if (!out.sharedNormaliser()) {
            return out.logProb(s.hidden, unit, model.direct(), s.history, scratch.get());
        }
        double lnZ = s.logNormaliser;
        if (Double.isNaN(lnZ)) {
            lnZ = out.logNormaliser(s.hidden, model.direct(), s.history, scratch.get());
            s.logNormaliser = lnZ;
        }
        return out.unnormalisedLogProb(s.hidden, unit, model.direct(), s.history, scratch.get()) - lnZ;
    }

    /** Computes the normalisers of the contexts that lack one, a batch at a time (NCE; nothing for other outputs). */
    @Override
    public void prepare(List<? extends LmState> contexts) {
        OutputLayer out = model.output();
        if (!out.sharedNormaliser()) {
            return;
        }
        int size = out.batchSize();
        float[][] hs = new float[size][];
        int[][] histories = new int[size][];
        RnnState[] states = new RnnState[size];
        double[] lnZ = new double[size];
        int n = 0;
        for (LmState c : contexts) {
            RnnState s = (RnnState) c;
            if (!Double.isNaN(s.logNormaliser)) {
                continue;
            }
            states[n] = s;
            hs[n] = s.hidden;
            histories[n++] = s.history;
            if (n == size) {
                normalise(states, hs, histories, n, lnZ);
                n = 0;
            }
        }
        if (n > 0) {
            normalise(states, hs, histories, n, lnZ);
        }
    }

    private void normalise(RnnState[] states, float[][] hs, int[][] histories, int n, double[] lnZ) {
        model.output().logNormalisers(hs, histories, n, model.direct(), scratch.get(), lnZ);
        for (int b = 0; b < n; b++) {
            states[b].logNormaliser = lnZ[b];
        }
    }

    @Override
    public LmState next(LmState context, int word) {
        return advance((RnnState) context, vocabulary.unitOf(word));
    }

    private RnnState advance(RnnState s, int unit) {
        float[] next = new float[s.hidden.length];
        model.hidden().step(unit, s.hidden, next);
        int[] history = s.history.clone();
        if (model.historyLength() > 0) {
            TextPass.push(history, unit);
        }
        return new RnnState(next, history);
    }
}
