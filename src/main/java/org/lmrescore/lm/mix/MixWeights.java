package org.lmrescore.lm.mix;

import java.util.List;

/**
 * The linear-mix weights of RNNs and an optional backoff model from a command's {@code --lambda}
 * values, one rule for every command. With no value, Mikolov et al. 2010's default: the RNNs
 * share {@link #DEFAULT_RNN_SHARE} equally and the backoff model gets the rest (RNNs alone:
 * equal weights). One value is the RNNs' total share, split equally; one value per RNN gives each
 * its own. The backoff model gets 1 minus the RNNs' sum, which must leave it something.
 */
public final class MixWeights {
    /** The RNNs' total weight by default (the paper's 0.75 RNN / 0.25 KN5). */
    public static final double DEFAULT_RNN_SHARE = 0.75;

    private MixWeights() {
    }

    /**
     * One weight per RNN, then the backoff model's when there is one.
     *
     * @throws IllegalArgumentException when the values do not fit the rule (the message says how)
     */
    public static double[] of(List<Double> lambda, int rnns, boolean withBackoff) {
        double[] w = new double[rnns + (withBackoff ? 1 : 0)];
        if (lambda.isEmpty()) {
            double each = (withBackoff ? DEFAULT_RNN_SHARE : 1.0) / rnns;
            for (int i = 0; i < rnns; i++) {
                w[i] = each;
            }
        } else if (lambda.size() == 1) {
            for (int i = 0; i < rnns; i++) {
                w[i] = lambda.get(0) / rnns;
            }
        } else if (lambda.size() == rnns) {
            for (int i = 0; i < rnns; i++) {
                w[i] = lambda.get(i);
            }
        } else {
            throw new IllegalArgumentException("--lambda takes one value or one per RNN (" + rnns + "), not " + lambda.size());
        }
        double sum = 0;
        for (int i = 0; i < rnns; i++) {
            if (!(w[i] > 0)) {
                throw new IllegalArgumentException("--lambda values must be > 0");
            }
            sum += w[i];
        }
        if (withBackoff) {
            w[rnns] = 1 - sum;
            if (!(w[rnns] > 0) || sum > 1) {
                throw new IllegalArgumentException("--lambda: the RNN weights sum to " + sum
                        + ", leaving nothing for the backoff model");
            }
        }
        return w;
    }

    /** The RNNs' total weight under {@link #of}. */
    public static double rnnShare(List<Double> lambda, int rnns, boolean withBackoff) {
        double[] w = of(lambda, rnns, withBackoff);
        double sum = 0;
        for (int i = 0; i < rnns; i++) {
            sum += w[i];
        }
        return sum;
    }
}
