package org.lmrescore.eval;

/**
 * The scoring of one reference utterance: its alignment with the hypothesis, its speaker, and
 * whether the hypothesis was missing (then every reference word counts as deleted).
 */
public record UtteranceScore(String id, String speaker, Alignment alignment, boolean missingHypothesis) {
    public ErrorCounts counts() {
        return ErrorCounts.of(alignment);
    }
}
