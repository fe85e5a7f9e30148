package org.lmrescore.lm.rnn;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rnnlm toolkit's training schedule. After each epoch, with the validation log-likelihood L:
 * if L is worse than the previous epoch's, the previous weights are restored; the first time
 * L improves by less than the factor {@code minImprovement}, the learning rate starts halving at
 * every following epoch; the second time, training stops. As in rnnlm, the reference for the
 * next comparison is the last epoch's L, kept or not.
 */
public final class LearningRateSchedule {
    private final double minImprovement;
    private final int maxEpochs;
    private double alpha;
    private boolean halving;
    private boolean finished;
    private double previous = Double.NEGATIVE_INFINITY;
    private int epochs;

    public LearningRateSchedule(double alpha, double minImprovement, int maxEpochs) {
        this.alpha = alpha;
        this.minImprovement = minImprovement;
        this.maxEpochs = maxEpochs;
    }

    /** Learning rate of the next epoch. */
    public double alpha() {
        return alpha;
    }

    public boolean halving() {
        return halving;
    }

    public boolean finished() {
        return finished;
    }

    /** Epochs completed. */
    public int epochs() {
        return epochs;
    }

    /**
     * Records an epoch's validation log-likelihood (any log base, negative).
     *
     * @return true to keep the epoch's weights, false to restore the previous ones
     */
    public boolean endEpoch(double logLikelihood) {
        if (Double.isNaN(logLikelihood)) {
            logLikelihood = Double.NEGATIVE_INFINITY;  // a diverged epoch: worse than any, and halving starts
        }
        boolean keep = logLikelihood >= previous;
        if (logLikelihood * minImprovement < previous) {
            if (halving) {
                finished = true;
            }
            halving = true;
        }
        if (halving && !finished) {
            alpha /= 2;
        }
        previous = logLikelihood;
        epochs++;
        if (epochs >= maxEpochs) {
            finished = true;
        }
        return keep;
    }

    /** State for checkpoints. */
    Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("schedule.alpha", Double.toString(alpha));
        m.put("schedule.halving", Boolean.toString(halving));
        m.put("schedule.finished", Boolean.toString(finished));
        m.put("schedule.previous", Double.toString(previous));
        m.put("schedule.epochs", Integer.toString(epochs));
        return m;
    }

    void restore(Map<String, String> m) {
        alpha = Double.parseDouble(m.get("schedule.alpha"));
        halving = Boolean.parseBoolean(m.get("schedule.halving"));
        finished = Boolean.parseBoolean(m.get("schedule.finished"));
        previous = Double.parseDouble(m.get("schedule.previous"));
        epochs = Integer.parseInt(m.get("schedule.epochs"));
    }
}
