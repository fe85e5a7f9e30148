package org.lmrescore.rescore.tune;

/**
 * What the score of one hypothesis depends on, computed once: acoustic score, word count,
 * first-pass LM score, and per scored token (words, then {@code </s>}) each component model's raw
 * ln P (negative infinity where the component cannot score the token); plus its edit errors
 * against the reference. Any weight setting's total is then arithmetic on these numbers.
 */
public record HypothesisFeatures(double acoustic, int words, double firstPassLm, double[][] tokenLogProbs, int errors) {
}
