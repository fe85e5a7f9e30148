package org.lmrescore.lattice;

/**
 * How a path's total score is made, natural logs throughout:
 * <pre>
 * total = acousticScale x acoustic + lmScale x ln P(words) + wordPenalty x words
 *       + firstPassWeight x (first-pass LM score carried by the input)
 * </pre>
 * {@code words} counts words only (no fillers or boundaries, unless {@code scoreFillers}).
 * The first-pass term lets the decoder's own LM join log-linearly (weight 0 leaves it out; its
 * score is already weighted by the decoder, so 1 means "as the decoder weighted it").
 * {@code oovLogProb} is the ln P charged for a word the model cannot score
 * (the model returns -infinity for it); such words are counted in the summary.
 */
public record ScoreWeights(double acousticScale, double lmScale, double wordPenalty, double firstPassWeight,
                           boolean scoreFillers, double oovLogProb) {

    /*
     * Untuned defaults: a cautious log-linear mix that keeps 70% of the decoder's own LM and adds the
     * new one at 3 (about 30% of Sphinx4's language weight, 9.5 in its lattices). A new LM weaker
     * than the decoder's then cannot do much harm: on the shared dev lattices with the bundled
     * models, 23.00% -> 22.92% (KN) and 22.58% (RNN + KN), where lmscale 8 without the first pass
     * gave 25.75%. `tune` fits all of them.
     */
    /** Default weight of ln P under the new LM. */
    public static final double DEFAULT_LM_SCALE = 3;
    /** Default weight of the first-pass LM score carried by the input. */
    public static final double DEFAULT_FIRST_PASS_WEIGHT = 0.7;
    /** ln(1e-7): roughly what an unseen word costs a 5-gram with an unknown-word class. */
    public static final double DEFAULT_OOV_LOG_PROB = Math.log(1e-7);

    public ScoreWeights {
        if (!Double.isFinite(acousticScale) || !Double.isFinite(lmScale) || !Double.isFinite(wordPenalty)
                || !Double.isFinite(firstPassWeight) || !Double.isFinite(oovLogProb) || oovLogProb > 0) {
            throw new IllegalArgumentException("score weights must be finite numbers and the OOV log-probability <= 0");
        }
    }

    public static ScoreWeights of(double lmScale, double wordPenalty) {
        return new ScoreWeights(1, lmScale, wordPenalty, 0, false, DEFAULT_OOV_LOG_PROB);
    }

    public ScoreWeights withFirstPassWeight(double w) {
        return new ScoreWeights(acousticScale, lmScale, wordPenalty, w, scoreFillers, oovLogProb);
    }

    public ScoreWeights withScoreFillers(boolean on) {
        return new ScoreWeights(acousticScale, lmScale, wordPenalty, firstPassWeight, on, oovLogProb);
    }

    public ScoreWeights withOovLogProb(double lp) {
        return new ScoreWeights(acousticScale, lmScale, wordPenalty, firstPassWeight, scoreFillers, lp);
    }

    /** The total of a path from its parts. */
    public double total(double acoustic, double lmLogProb, int words, double firstPassLm) {
        return acousticScale * acoustic + lmScale * lmLogProb + wordPenalty * words + firstPassWeight * firstPassLm;
    }

    /** The LM part of a total: lmscale x ln P of the rescoring LM + first-pass weight x the first-pass LM score. */
    public double lmPart(double lmLogProb, double firstPassLm) {
        return lmScale * lmLogProb + firstPassWeight * firstPassLm;
    }

    /** A total without the rescoring LM and the word penalty: acscale x acoustic + first-pass weight x first-pass score. */
    public double acousticAndFirstPass(double acoustic, double firstPassLm) {
        return acousticScale * acoustic + firstPassWeight * firstPassLm;
    }
}
