package org.lmrescore.lm.mix;

import org.lmrescore.lm.LanguageModel;

import java.util.ArrayList;
import java.util.List;

/** Builds the model a list of weighted components stands for: linear (the default) or log-linear. */
public final class Mixes {
    private Mixes() {
    }

    /**
     * Loads the components with a weight above 0 and combines them; a single component is returned
     * as it is.
     */
    public static LanguageModel build(List<MixComponent> components, boolean logLinear) {
        List<LanguageModel> models = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (MixComponent c : components) {
            if (c.weight() > 0) {
                models.add(c.load());
                weights.add(c.weight());
            }
        }
        return combine(models, weights.stream().mapToDouble(Double::doubleValue).toArray(), logLinear);
    }

    /** Combines loaded models with weights (> 0). */
    public static LanguageModel combine(List<LanguageModel> models, double[] weights, boolean logLinear) {
        if (models.size() == 1) {
            return models.get(0);
        }
        return logLinear ? new LogLinearMix(models, weights) : new LinearMix(models, weights);
    }
}
