package org.lmrescore.rescore.tune;

import java.util.List;

/**
 * What the score of one hypothesis depends on, computed once: acoustic score, word count,
 * first-pass LM score, and per scored token (words, then {@code </s>}) each component model's raw
 * ln P (negative infinity where the component cannot score the token); plus its edit errors
 * against the reference, and its words (consensus decoding aligns them as rescore does). Any weight
 * setting's total is then arithmetic on these numbers.
 */
public record HypothesisFeatures(double acoustic, int words, double firstPassLm, double[][] tokenLogProbs, int errors,
                                 List<String> wordList) implements java.io.Serializable {
    /** Without its words (consensus decoding, which aligns them, is then not available). */
    public HypothesisFeatures(double acoustic, int words, double firstPassLm, double[][] tokenLogProbs, int errors) {
        this(acoustic, words, firstPassLm, tokenLogProbs, errors, List.of());
    }
}
