package org.lmrescore.lm.mix;

import org.lmrescore.lm.LanguageModel;
import org.lmrescore.lm.LmState;
import org.lmrescore.lm.Vocabulary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Word-level linear interpolation, P(w|h) = sum_i lambda_i P_i(w|h), itself a {@link LanguageModel}.
 * Each component keeps its own vocabulary; words are mapped by their string, and the mix's
 * vocabulary is the union of the components'.
 *
 * <p>OOV policy, per word and component: a word outside a component's vocabulary is passed to it
 * as {@link Vocabulary#NONE}, so a component with an unknown-word mass (an RNN's rare-word share,
 * an n-gram model's {@code <unk>}) scores it with that. A component that gives the word no
 * probability at all (NEGATIVE_INFINITY) is left out of that word's sum and the remaining weights
 * are renormalised: P = sum_{i scoring} lambda_i P_i / sum_{i scoring} lambda_i. Only when no
 * component scores the word is the result NEGATIVE_INFINITY, which perplexity counts as a zero
 * probability, never as a silent log(0) inside a sum.
 */
public final class LinearMix implements LanguageModel {
    private final List<LanguageModel> components;
    private final double[] weights;
    private final double[] logWeights;
    private final Vocabulary vocabulary;
    /** ids[i][mixId] = the word's id in component i, or NONE. */
    private final int[][] ids;
    private final MixState start;

    /**
     * @param weights one per component, positive; they are normalised to sum to 1
     */
    public LinearMix(List<LanguageModel> components, double[] weights) {
        if (components.isEmpty() || components.size() != weights.length) {
            throw new IllegalArgumentException("a mix needs one weight per component (" + components.size()
                    + " components, " + weights.length + " weights)");
        }
        double sum = 0;
        for (double w : weights) {
            if (!(w > 0)) {
                throw new IllegalArgumentException("mix weights must be > 0, got " + w);
            }
            sum += w;
        }
        this.components = List.copyOf(components);
        this.weights = new double[weights.length];
        this.logWeights = new double[weights.length];
        for (int i = 0; i < weights.length; i++) {
            this.weights[i] = weights[i] / sum;
            this.logWeights[i] = Math.log(this.weights[i]);
        }
        Set<String> union = new LinkedHashSet<>();
        for (LanguageModel m : components) {
            union.addAll(m.vocabulary().words());
        }
        union.add(Vocabulary.EOS);
        this.vocabulary = Vocabulary.of(new ArrayList<>(union));
        this.ids = new int[components.size()][vocabulary.size()];
        for (int i = 0; i < components.size(); i++) {
            Vocabulary v = components.get(i).vocabulary();
            for (int w = 0; w < vocabulary.size(); w++) {
                ids[i][w] = v.id(vocabulary.word(w));
            }
        }
        LmState[] states = new LmState[components.size()];
        for (int i = 0; i < states.length; i++) {
            states[i] = components.get(i).start();
        }
        this.start = new MixState(states);
    }

    /** The normalised weights, in component order. */
    public double[] weights() {
        return weights.clone();
    }

    public List<LanguageModel> components() {
        return components;
    }

    @Override
    public Vocabulary vocabulary() {
        return vocabulary;
    }

    @Override
    public LmState start() {
        return start;
    }

    @Override
    public double logProb(LmState context, int word) {
        MixState s = (MixState) context;
        double max = Double.NEGATIVE_INFINITY;
        double[] terms = new double[weights.length];
        double scoringWeight = 0;
        for (int i = 0; i < terms.length; i++) {
            double lp = components.get(i).logProb(s.states[i], idIn(i, word));
            terms[i] = lp == Double.NEGATIVE_INFINITY ? lp : lp + logWeights[i];
            if (lp != Double.NEGATIVE_INFINITY) {
                scoringWeight += weights[i];
                max = Math.max(max, terms[i]);
            }
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double sum = 0;
        for (double t : terms) {
            if (t != Double.NEGATIVE_INFINITY) {
                sum += Math.exp(t - max);
            }
        }
        return max + Math.log(sum) - Math.log(scoringWeight);
    }

    /**
     * Each component's ln P(word | context), in component order, into {@code out}
     * (NEGATIVE_INFINITY where a component gives the word nothing); what weight estimation reads.
     */
    public void componentLogProbs(LmState context, int word, double[] out) {
        MixState s = (MixState) context;
        for (int i = 0; i < out.length; i++) {
            out[i] = components.get(i).logProb(s.states[i], idIn(i, word));
        }
    }

    /** Each component prepares its own states. */
    @Override
    public void prepare(List<? extends LmState> contexts) {
        for (int i = 0; i < components.size(); i++) {
            List<LmState> own = new ArrayList<>(contexts.size());
            for (LmState c : contexts) {
                own.add(((MixState) c).states[i]);
            }
            components.get(i).prepare(own);
        }
    }

    /** The components' own states inside a mix state (shared with {@link LogLinearMix}). */
    LmState[] componentStates(LmState context) {
        return ((MixState) context).states;
    }

    @Override
    public LmState next(LmState context, int word) {
        MixState s = (MixState) context;
        LmState[] next = new LmState[s.states.length];
        for (int i = 0; i < next.length; i++) {
            next[i] = components.get(i).next(s.states[i], idIn(i, word));
        }
        return new MixState(next);
    }

    /** The ids in component {@code component} of the mix's words, NONE where it lacks one (shared with {@link LogLinearMix}). */
    int[] idsIn(int component) {
        return ids[component];
    }

    private int idIn(int component, int word) {
        return word < 0 ? Vocabulary.NONE : ids[component][word];
    }

    /** The components' states side by side. */
    private static final class MixState implements LmState {
        private final LmState[] states;
        private final int hash;

        MixState(LmState[] states) {
            this.states = states;
            this.hash = Arrays.hashCode(states);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof MixState m && m.hash == hash && Arrays.equals(m.states, states);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
