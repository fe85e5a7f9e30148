package org.lmrescore.lattice;

/**
 * A hypothesis with its rescored parts: ln P of the LM (with {@code </s>}), the word count used
 * for the penalty, and the total under the {@link ScoreWeights} used.
 */
public record ScoredHypothesis(Hypothesis hypothesis, double lmLogProb, int words, double total) implements java.io.Serializable {
}
