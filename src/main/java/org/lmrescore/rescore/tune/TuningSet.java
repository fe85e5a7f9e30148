package org.lmrescore.rescore.tune;

import org.lmrescore.eval.Aligner;
import org.lmrescore.eval.TokenFilter;
import org.lmrescore.lattice.Hypothesis;
import org.lmrescore.lattice.ScoreWeights;
import org.lmrescore.lattice.ConfusionNetwork;
import org.lmrescore.lattice.NBestConsensus;
import org.lmrescore.lattice.ScoredHypothesis;

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
    /** Per utterance, per hypothesis: the cached parts of the total, flat for the inner loop. */
    private final double[][] acoustic;
    private final double[][] firstPass;
    private final int[][] words;
    private final int[][] errors;
    /** Per utterance: each token's component probabilities (not logs; 0 where a component has none), token by token. */
    private final double[][] tokenProbs;
    /** Per utterance: where each hypothesis's tokens end in {@link #tokenProbs} (in tokens). */
    private final int[][] tokenEnds;
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
        int n = this.utterances.size();
        int components = rnnCount + (hasBackoff ? 1 : 0);
        acoustic = new double[n][];
        firstPass = new double[n][];
        words = new int[n][];
        errors = new int[n][];
        tokenProbs = new double[n][];
        tokenEnds = new int[n][];
        mixedLm = new double[n][];
        long refWords = 0;
        for (int u = 0; u < n; u++) {
            UtteranceFeatures f = this.utterances.get(u);
            refWords += f.referenceWords();
            List<HypothesisFeatures> hyps = f.hypotheses();
            int m = hyps.size();
            acoustic[u] = new double[m];
            firstPass[u] = new double[m];
            words[u] = new int[m];
            errors[u] = new int[m];
            tokenEnds[u] = new int[m];
            mixedLm[u] = new double[m];
            int tokens = 0;
            for (HypothesisFeatures h : hyps) {
                tokens += h.tokenLogProbs().length;
            }
            tokenProbs[u] = new double[tokens * components];
            int t = 0;
            for (int h = 0; h < m; h++) {
                HypothesisFeatures hf = hyps.get(h);
                acoustic[u][h] = hf.acoustic();
                firstPass[u][h] = hf.firstPassLm();
                words[u][h] = hf.words();
                errors[u][h] = hf.errors();
                for (double[] token : hf.tokenLogProbs()) {
                    if (token.length != components) {
                        throw new IllegalArgumentException("hypothesis of " + f.id() + " has " + token.length
                                + " component scores per token, expected " + components);
                    }
                    for (int c = 0; c < components; c++) {
                        tokenProbs[u][t * components + c] = Math.exp(token[c]);
                    }
                    t++;
                }
                tokenEnds[u][h] = t;
            }
        }
        this.referenceWords = refWords;
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
        return best < 0 ? utterances.get(u).referenceWords() : errors[u][best];
    }

    /**
     * Word errors of consensus decoding ({@link NBestConsensus}) of every list at posterior scale
     * {@code scale}, the hypotheses' totals as {@code rescore} computes them at {@code p}.
     */
    public long consensusErrors(TuningPoint p, double scale) {
        ensureMix(p.rnnWeight());
        long errors = 0;
        for (int u = 0; u < utterances.size(); u++) {
            List<String> decoded = new ArrayList<>();
            for (ConfusionNetwork.Word w : NBestConsensus.decode(scoredList(u, p), scale)) {
                decoded.add(w.word());
            }
            errors += Aligner.SCLITE.align(utterances.get(u).reference(), TokenFilter.SCLITE.apply(decoded)).errors();  // as rescore's WER
        }
        return errors;
    }

    /** The words of every utterance's Viterbi best at some point: each word's posterior, and whether it is correct. */
    public record WordPosteriors(double[] posterior, boolean[] correct) {
    }

    /**
     * The Viterbi best's words at {@code p}, each with its posterior in the N-best confusion
     * network at {@code scale} (what {@code rescore} writes as the ctm's confidence) and whether
     * the WER's alignment with the reference counts it correct.
     */
    public WordPosteriors wordPosteriors(TuningPoint p, double scale) {
        ensureMix(p.rnnWeight());
        List<Double> posterior = new ArrayList<>();
        List<Boolean> correct = new ArrayList<>();
        for (int u = 0; u < utterances.size(); u++) {
            List<ScoredHypothesis> list = scoredList(u, p);
            int best = argmax(u, p);
            if (best < 0) {
                continue;
            }
            double[] post = NBestConsensus.network(list, scale).pivotPosteriors();
            boolean[] right = Aligner.SCLITE.align(utterances.get(u).reference(),
                    TokenFilter.SCLITE.apply(list.get(best).hypothesis().words())).hypothesisWordsCorrect();
            for (int i = 0; i < post.length; i++) {
                posterior.add(post[i]);
                correct.add(right[i]);
            }
        }
        double[] ps = new double[posterior.size()];
        boolean[] cs = new boolean[correct.size()];
        for (int i = 0; i < ps.length; i++) {
            ps[i] = posterior.get(i);
            cs[i] = correct.get(i);
        }
        return new WordPosteriors(ps, cs);
    }

    /** Utterance u's hypotheses with their totals at p (the mix of p already computed). */
    private List<ScoredHypothesis> scoredList(int u, TuningPoint p) {
        UtteranceFeatures f = utterances.get(u);
        List<ScoredHypothesis> list = new ArrayList<>(f.hypotheses().size());
        ScoreWeights w = p.scoreWeights();
        for (int h = 0; h < f.hypotheses().size(); h++) {
            List<String> words = f.hypotheses().get(h).wordList();
            list.add(new ScoredHypothesis(Hypothesis.of(words, 0, 0), 0, words.size(), total(u, h, w)));
        }
        return list;
    }

    /** The total {@code rescore} gives hypothesis h of utterance u at p's weights w (acoustic scale 1: only ratios matter). */
    private double total(int u, int h, ScoreWeights w) {
        return w.total(acoustic[u][h], mixedLm[u][h], words[u][h], firstPass[u][h]);
    }

    private int argmax(int u, TuningPoint p) {
        int best = -1;
        double bestTotal = Double.NEGATIVE_INFINITY;
        ScoreWeights w = p.scoreWeights();
        for (int h = 0; h < acoustic[u].length; h++) {
            double total = total(u, h, w);
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
        int components = weights.length;
        for (int u = 0; u < utterances.size(); u++) {
            double[] probs = tokenProbs[u];
            int t = 0;
            for (int h = 0; h < mixedLm[u].length; h++) {
                double sum = 0;
                for (int end = tokenEnds[u][h]; t < end; t++) {
                    sum += mix(probs, t * components, weights);
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

    /**
     * ln of the weighted sum of the components that score the token (probability above 0),
     * renormalised over them as LinearMix does; {@code oovLogProb} when none does.
     */
    private double mix(double[] probs, int at, double[] weights) {
        double sum = 0;
        double scoring = 0;
        for (int i = 0; i < weights.length; i++) {
            double p = probs[at + i];
            if (p > 0) {
                sum += weights[i] * p;
                scoring += weights[i];
            }
        }
        return scoring == 0 ? oovLogProb : Math.log(sum / scoring);
    }
}
