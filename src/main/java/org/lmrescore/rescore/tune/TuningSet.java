package org.lmrescore.rescore.tune;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The development set as {@code tune} searches it: every utterance's cached hypotheses, scored
 * for a {@link TuningPoint} by arithmetic alone. The mixed LM score of each hypothesis depends
 * only on the interpolation weight, so it is recomputed only when that weight changes; a trial of
 * lmscale, penalty or first-pass weight is one multiply-add per hypothesis and an argmax per
 * utterance. Not thread-safe (the mixed scores are a cache).
 *
 * <p>Components are ordered RNNs first, then the backoff model (as {@code rescore} mixes them):
 * the RNNs share the weight lambda equally and the backoff model gets 1 - lambda. A token no
 * component scores is charged {@code oovLogProb}, as {@code rescore} does.
 */
public final class TuningSet {
    private final List<UtteranceFeatures> utterances;
    private final int rnnCount;
    private final boolean hasBackoff;
    private final double oovLogProb;
    private final long referenceWords;
    private final double[][] mixedLm;
    private double mixedFor = Double.NaN;

    public TuningSet(List<UtteranceFeatures> utterances, int rnnCount, boolean hasBackoff, double oovLogProb) {
        if (rnnCount < 0 || (rnnCount == 0 && !hasBackoff)) {
            throw new IllegalArgumentException("a tuning set needs at least one model");
        }
        this.utterances = List.copyOf(utterances);
        this.rnnCount = rnnCount;
        this.hasBackoff = hasBackoff;
        this.oovLogProb = oovLogProb;
        long n = 0;
        this.mixedLm = new double[this.utterances.size()][];
        for (int u = 0; u < this.utterances.size(); u++) {
            UtteranceFeatures f = this.utterances.get(u);
            n += f.referenceWords();
            mixedLm[u] = new double[f.hypotheses().size()];
            for (HypothesisFeatures h : f.hypotheses()) {
                for (double[] token : h.tokenLogProbs()) {
                    if (token.length != rnnCount + (hasBackoff ? 1 : 0)) {
                        throw new IllegalArgumentException("hypothesis of " + f.id() + " has " + token.length
                                + " component scores per token, expected " + (rnnCount + (hasBackoff ? 1 : 0)));
                    }
                }
            }
        }
        this.referenceWords = n;
    }

    /** True when the mix weight lambda means something (RNNs and a backoff model). */
    public boolean hasMixWeight() {
        return rnnCount > 0 && hasBackoff;
    }

    public List<UtteranceFeatures> utterances() {
        return utterances;
    }

    public long referenceWords() {
        return referenceWords;
    }

    /** The utterances whose ids are in {@code ids} (or, with {@code keep} false, those that are not). */
    public TuningSet select(Set<String> ids, boolean keep) {
        List<UtteranceFeatures> chosen = new ArrayList<>();
        for (UtteranceFeatures u : utterances) {
            if (ids.contains(u.id()) == keep) {
                chosen.add(u);
            }
        }
        return new TuningSet(chosen, rnnCount, hasBackoff, oovLogProb);
    }

    /** Word errors of the hypotheses chosen under {@code p}. */
    public long errors(TuningPoint p) {
        ensureMix(p.rnnWeight());
        long errors = 0;
        for (int u = 0; u < utterances.size(); u++) {
            errors += errorsOf(u, p);
        }
        return errors;
    }

    /** WER in percent under {@code p}. */
    public double wer(TuningPoint p) {
        return percent(errors(p));
    }

    public double percent(long errors) {
        return referenceWords == 0 ? 0 : 100.0 * errors / referenceWords;
    }

    /** Index of the hypothesis of utterance {@code u} chosen under {@code p}, -1 when it has none. */
    public int choice(int u, TuningPoint p) {
        ensureMix(p.rnnWeight());
        return argmax(u, p);
    }

    /** Errors of the best hypothesis in each list: the N-best oracle. */
    public long oracleErrors() {
        long n = 0;
        for (UtteranceFeatures u : utterances) {
            n += u.oracleErrors();
        }
        return n;
    }

    /** The LM score {@code rescore} gives hypothesis {@code h} of utterance {@code u} with RNN weight {@code lambda}. */
    public double lmLogProb(int u, int h, double lambda) {
        ensureMix(lambda);
        return mixedLm[u][h];
    }

    private int errorsOf(int u, TuningPoint p) {
        int best = argmax(u, p);
        UtteranceFeatures f = utterances.get(u);
        return best < 0 ? f.referenceWords() : f.hypotheses().get(best).errors();
    }

    private int argmax(int u, TuningPoint p) {
        List<HypothesisFeatures> hyps = utterances.get(u).hypotheses();
        double[] lm = mixedLm[u];
        int best = -1;
        double bestTotal = Double.NEGATIVE_INFINITY;
        for (int h = 0; h < hyps.size(); h++) {
            HypothesisFeatures f = hyps.get(h);
            double total = f.acoustic() + p.lmScale() * lm[h] + p.wip() * f.words() + p.firstPassWeight() * f.firstPassLm();
            if (best < 0 || total > bestTotal) {
                best = h;
                bestTotal = total;
            }
        }
        return best;
    }

    private void ensureMix(double lambda) {
        double key = hasMixWeight() ? lambda : 0;
        if (key == mixedFor) {
            return;
        }
        double[] weights = componentWeights(key);
        for (int u = 0; u < utterances.size(); u++) {
            List<HypothesisFeatures> hyps = utterances.get(u).hypotheses();
            for (int h = 0; h < hyps.size(); h++) {
                double sum = 0;
                for (double[] token : hyps.get(h).tokenLogProbs()) {
                    sum += mix(token, weights);
                }
                mixedLm[u][h] = sum;
            }
        }
        mixedFor = key;
    }

    private double[] componentWeights(double lambda) {
        int n = rnnCount + (hasBackoff ? 1 : 0);
        double[] w = new double[n];
        if (!hasMixWeight()) {
            java.util.Arrays.fill(w, 1.0 / n);
            return w;
        }
        if (!(lambda > 0 && lambda < 1)) {
            throw new IllegalArgumentException("the RNN weight must lie strictly between 0 and 1, got " + lambda);
        }
        for (int i = 0; i < rnnCount; i++) {
            w[i] = lambda / rnnCount;
        }
        w[rnnCount] = 1 - lambda;
        return w;
    }

    /** ln of the weighted sum of the components that score the token, renormalised over them (as LinearMix). */
    private double mix(double[] logProbs, double[] weights) {
        if (logProbs.length == 1) {
            return logProbs[0] == Double.NEGATIVE_INFINITY ? oovLogProb : logProbs[0];
        }
        double max = Double.NEGATIVE_INFINITY;
        double scoring = 0;
        for (int i = 0; i < logProbs.length; i++) {
            if (logProbs[i] != Double.NEGATIVE_INFINITY) {
                max = Math.max(max, logProbs[i] + Math.log(weights[i]));
                scoring += weights[i];
            }
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return oovLogProb;
        }
        double sum = 0;
        for (int i = 0; i < logProbs.length; i++) {
            if (logProbs[i] != Double.NEGATIVE_INFINITY) {
                sum += Math.exp(logProbs[i] + Math.log(weights[i]) - max);
            }
        }
        return max + Math.log(sum) - Math.log(scoring);
    }

}
