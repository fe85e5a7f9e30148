package org.lmrescore.lm.mix;

import org.lmrescore.lm.LanguageModel;
import org.lmrescore.util.Log;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses the weights of a linear mix on development text, as SRILM's compute-best-mix: every
 * component scores the text once ({@link DevScores}), then EM ({@link EmWeightEstimator}) moves
 * the weights to the maximum-likelihood mixture, starting from the given ones.
 */
public final class MixTuner {
    private final EmWeightEstimator em;

    public MixTuner(EmWeightEstimator em) {
        this.em = em;
    }

    /** What tuning found: the components with their new weights and the dev perplexity before and after. */
    public record Result(List<MixComponent> tuned, double perplexityBefore, double perplexityAfter, int iterations,
                         int tokens, long sentences, long oovs) {
    }

    /** Loads the components and tunes their weights on {@code text}. */
    public Result tune(List<MixComponent> start, Path text) {
        List<LanguageModel> models = new ArrayList<>();
        double[] initial = new double[start.size()];
        for (int i = 0; i < initial.length; i++) {
            Log.info("loading %s model %s", start.get(i).kind().label(), start.get(i).path());
            models.add(start.get(i).load());
            initial[i] = start.get(i).weight();
        }
        return tune(start, models, initial, text);
    }

    /** Tunes the weights of already loaded models (in the order of {@code start}). */
    public Result tune(List<MixComponent> start, List<LanguageModel> models, double[] initial, Path text) {
        DevScores scores = DevScores.collect(new LinearMix(models, initial), text);
        if (scores.tokens() == 0) {
            throw new IllegalArgumentException("no scored tokens in " + text);
        }
        EmWeightEstimator.Result r = em.estimate(scores.probs(), initial);
        double[] w = r.weights();
        List<MixComponent> tuned = new ArrayList<>();
        for (int i = 0; i < w.length; i++) {
            tuned.add(start.get(i).withWeight(w[i]));
        }
        return new Result(tuned, scores.perplexity(initial), scores.perplexity(w), r.iterations(), scores.tokens(),
                scores.sentences(), scores.oovs());
    }
}
