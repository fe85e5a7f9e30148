package org.lmrescore.lm.mix;

import org.lmrescore.lm.LanguageModel;
import org.lmrescore.lm.LmState;
import org.lmrescore.lm.Vocabulary;

import java.util.Arrays;
import java.util.List;

/**
 * Log-linear combination, P(w|h) = prod_i P_i(w|h)^lambda_i / Z(h), normalised over the mix's
 * vocabulary (the union of the components'), for comparison with {@link LinearMix}.
 *
 * <p>Cost: Z(h) needs every component's whole distribution in every context, |V| probabilities
 * per component per context instead of one (an RNN computes it with one pass over its output
 * layer, |V| dot products, rather than C + |class|). The last context's distribution is cached
 * per thread, so scoring many words in one context (rescoring) pays once.
 *
 * <p>A word some component gives no probability (outside its vocabulary, no unknown-word mass)
 * gets probability 0 in the product and is left out of Z. A word outside the mix's vocabulary
 * ({@link Vocabulary#NONE}) gets NEGATIVE_INFINITY: the distribution is over the vocabulary.
 */
public final class LogLinearMix implements LanguageModel {
    private final LinearMix shape;
    private final List<LanguageModel> components;
    private final double[] weights;
    private final ThreadLocal<Cached> cache = new ThreadLocal<>();

    public LogLinearMix(List<LanguageModel> components, double[] weights) {
        // LinearMix checks the weights, builds the union vocabulary and its word maps, and carries the states
        this.shape = new LinearMix(components, weights);
        this.components = shape.components();
        this.weights = shape.weights();
    }

    public double[] weights() {
        return weights.clone();
    }

    @Override
    public Vocabulary vocabulary() {
        return shape.vocabulary();
    }

    @Override
    public LmState start() {
        return shape.start();
    }

    @Override
    public double logProb(LmState context, int word) {
        if (word < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        return distribution(context)[word];
    }

    @Override
    public void logProbs(LmState context, double[] out) {
        double[] d = distribution(context);
        System.arraycopy(d, 0, out, 0, d.length);
    }

    @Override
    public LmState next(LmState context, int word) {
        return shape.next(context, word);
    }

    /** The normalised log distribution over the mix vocabulary in {@code context}. */
    private double[] distribution(LmState context) {
        Cached c = cache.get();
        if (c != null && c.context.equals(context)) {
            return c.logProbs;
        }
        int n = shape.vocabulary().size();
        double[] mixed = new double[n];
        double[] own = null;
        LmState[] states = shape.componentStates(context);
        for (int i = 0; i < components.size(); i++) {
            LanguageModel m = components.get(i);
            int size = m.vocabulary().size();
            if (own == null || own.length < size) {
                own = new double[size];
            }
            m.logProbs(states[i], own);
            double unknown = m.logProb(states[i], Vocabulary.NONE);
            int[] ids = shape.idsIn(i);
            for (int w = 0; w < n; w++) {
                int id = ids[w];
                mixed[w] += weights[i] * (id == Vocabulary.NONE ? unknown : own[id]);
            }
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double x : mixed) {
            if (!Double.isNaN(x)) {
                max = Math.max(max, x);
            }
        }
        double z = 0;
        for (int w = 0; w < n; w++) {
            if (mixed[w] != Double.NEGATIVE_INFINITY && !Double.isNaN(mixed[w])) {
                z += Math.exp(mixed[w] - max);
            }
        }
        double logZ = max + Math.log(z);
        for (int w = 0; w < n; w++) {
            mixed[w] = Double.isNaN(mixed[w]) ? Double.NEGATIVE_INFINITY : mixed[w] - logZ;
        }
        cache.set(new Cached(context, mixed));
        return mixed;
    }

    private record Cached(LmState context, double[] logProbs) {
    }

    @Override
    public String toString() {
        return "log-linear mix " + Arrays.toString(weights);
    }
}
