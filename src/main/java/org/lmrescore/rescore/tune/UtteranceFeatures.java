package org.lmrescore.rescore.tune;

import java.util.List;

/**
 * The cached hypotheses of one utterance (in the input's order, which breaks ties exactly as
 * {@code rescore}'s stable sort does), the reference length, and the errors when no hypothesis
 * exists (every reference word deleted); and the reference words, case folded as WER compares
 * them (consensus decoding aligns its output with them).
 */
public record UtteranceFeatures(String id, List<HypothesisFeatures> hypotheses, int referenceWords, List<String> reference)
        implements java.io.Serializable {
    public UtteranceFeatures {
        hypotheses = List.copyOf(hypotheses);
        reference = List.copyOf(reference);
    }

    /** Without the reference words (consensus decoding, which aligns them, is then not available). */
    public UtteranceFeatures(String id, List<HypothesisFeatures> hypotheses, int referenceWords) {
        this(id, hypotheses, referenceWords, List.of());
    }

    /** Fewest errors of any hypothesis: the oracle of this list. */
    public int oracleErrors() {
        int best = referenceWords;
        for (HypothesisFeatures h : hypotheses) {
            best = Math.min(best, h.errors());
        }
        return best;
    }
}
