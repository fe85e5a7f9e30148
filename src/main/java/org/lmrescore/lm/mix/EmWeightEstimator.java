package org.lmrescore.lm.mix;

import java.util.Arrays;

/**
 * Interpolation weights that maximise the likelihood of held-out text, by expectation-maximisation
 * (as SRILM's compute-best-mix). Input: for every model i and every scored token t the model's
 * probability p_i(t) of that token (not log). Each iteration sets
 * lambda_i = (1/T) sum_t lambda_i p_i(t) / sum_j lambda_j p_j(t), which never lowers the
 * likelihood; it stops when the log-likelihood per token improves by less than the tolerance.
 */
public final class EmWeightEstimator {
    private final double tolerance;
    private final int maxIterations;

    public EmWeightEstimator(double tolerance, int maxIterations) {
        this.tolerance = tolerance;
        this.maxIterations = maxIterations;
    }

    /** Defaults close to compute-best-mix: stop below 1e-7 nats per token, at most 1000 rounds. */
    public static EmWeightEstimator withDefaults() {
        return new EmWeightEstimator(1e-7, 1000);
    }

    /** The result: weights (summing to 1), the log-likelihood per token they give, and the rounds run. */
    public record Result(double[] weights, double logLikelihoodPerToken, int iterations) {
    }

    /**
     * @param probs   probs[i][t] = P_i(token t); all rows the same length, at least one token
     * @param initial starting weights (any positive values; normalised here)
     */
    public Result estimate(double[][] probs, double[] initial) {
        int models = probs.length;
        if (models == 0 || initial.length != models) {
            throw new IllegalArgumentException("need one initial weight per model");
        }
        int tokens = probs[0].length;
        for (double[] row : probs) {
            if (row.length != tokens) {
                throw new IllegalArgumentException("every model must score the same tokens");
            }
        }
        if (tokens == 0) {
            throw new IllegalArgumentException("no tokens to estimate weights on");
        }
        double[] lambda = normalised(initial);
        double previous = Double.NEGATIVE_INFINITY;
        double[] posteriorSums = new double[models];
        int iteration = 0;
        while (true) {
            Arrays.fill(posteriorSums, 0);
            double logLikelihood = 0;
            for (int t = 0; t < tokens; t++) {
                double mixed = 0;
                for (int i = 0; i < models; i++) {
                    mixed += lambda[i] * probs[i][t];
                }
                if (mixed <= 0) {
                    continue;  // no model gives this token mass: it cannot inform the weights
                }
                logLikelihood += Math.log(mixed);
                for (int i = 0; i < models; i++) {
                    posteriorSums[i] += lambda[i] * probs[i][t] / mixed;
                }
            }
            double perToken = logLikelihood / tokens;
            if (iteration >= maxIterations || perToken - previous < tolerance) {
                return new Result(lambda, perToken, iteration);
            }
            previous = perToken;
            lambda = normalised(posteriorSums);
            iteration++;
        }
    }

    private static double[] normalised(double[] w) {
        double sum = 0;
        for (double x : w) {
            if (!(x >= 0)) {
                throw new IllegalArgumentException("weights must be non-negative: " + Arrays.toString(w));
            }
            sum += x;
        }
        if (sum <= 0) {
            throw new IllegalArgumentException("weights sum to zero");
        }
        double[] out = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            out[i] = w[i] / sum;
        }
        return out;
    }
}
