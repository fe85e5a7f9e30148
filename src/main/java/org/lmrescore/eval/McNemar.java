package org.lmrescore.eval;

import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.lmrescore.util.Json;

import java.util.List;

/**
 * McNemar's test on sentence errors: does system A get a different share of utterances fully
 * right than system B? Only discordant utterances matter: {@code b} = right by A only,
 * {@code c} = right by B only. Under the null hypothesis b ~ Binomial(b + c, 1/2).
 * With fewer than {@value #EXACT_BELOW} discordant utterances the two-sided p-value is the exact
 * binomial one, min(1, 2 P(X &lt;= min(b, c))); otherwise the chi-square approximation with
 * continuity correction, (|b - c| - 1)^2 / (b + c) with one degree of freedom (Edwards 1948).
 */
public final class McNemar {
    /** Below this many discordant pairs the exact binomial test is used. */
    public static final int EXACT_BELOW = 25;

    private McNemar() {
    }

    /**
     * The outcome. {@code bothRight}, {@code onlyA} (A right, B wrong), {@code onlyB},
     * {@code bothWrong} count utterances; {@code statistic} is chi-square (NaN for the exact test).
     */
    public record Result(long bothRight, long onlyA, long onlyB, long bothWrong, boolean exact,
                         double statistic, double pValue) {
        public boolean significant(double alpha) {
            return !Double.isNaN(pValue) && pValue < alpha;
        }

        public Json toJson() {
            return new Json()
                    .put("both_right", bothRight)
                    .put("only_a_right", onlyA)
                    .put("only_b_right", onlyB)
                    .put("both_wrong", bothWrong)
                    .put("method", exact ? "exact binomial" : "chi-square with continuity correction")
                    .put("chi2", statistic)
                    .put("p", pValue);
        }
    }

    /** The test on two reports of the same reference. */
    public static Result test(ScoreReport a, ScoreReport b) {
        Comparisons.requireSameReference(a, b);
        List<UtteranceScore> ua = a.utterances();
        List<UtteranceScore> ub = b.utterances();
        long n00 = 0;
        long n01 = 0;
        long n10 = 0;
        long n11 = 0;
        for (int u = 0; u < ua.size(); u++) {
            boolean rightA = ua.get(u).alignment().errors() == 0;
            boolean rightB = ub.get(u).alignment().errors() == 0;
            if (rightA && rightB) {
                n00++;
            } else if (rightA) {
                n01++;
            } else if (rightB) {
                n10++;
            } else {
                n11++;
            }
        }
        return test(n00, n01, n10, n11);
    }

    /** The test on a 2x2 table of utterance counts. */
    public static Result test(long bothRight, long onlyA, long onlyB, long bothWrong) {
        long discordant = onlyA + onlyB;
        if (discordant == 0) {
            return new Result(bothRight, onlyA, onlyB, bothWrong, true, Double.NaN, 1.0);
        }
        if (discordant < EXACT_BELOW) {
            BinomialDistribution binomial = new BinomialDistribution(null, (int) discordant, 0.5);
            double p = 2 * binomial.cumulativeProbability((int) Math.min(onlyA, onlyB));
            return new Result(bothRight, onlyA, onlyB, bothWrong, true, Double.NaN, Math.min(1.0, p));
        }
        double d = Math.abs(onlyA - onlyB) - 1.0;
        double chi2 = Math.max(0, d) * Math.max(0, d) / discordant;
        double p = 1 - new ChiSquaredDistribution(null, 1).cumulativeProbability(chi2);
        return new Result(bothRight, onlyA, onlyB, bothWrong, false, chi2, p);
    }
}
