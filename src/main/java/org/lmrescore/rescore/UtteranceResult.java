package org.lmrescore.rescore;

import org.lmrescore.lattice.ScoredHypothesis;

import java.nio.file.Path;
import java.util.List;

/**
 * What rescoring one utterance produced: the first-pass 1-best ({@code before}: the input's own
 * best path or top hypothesis), the rescored best, the rescored N-best (best first, possibly
 * empty), the oracle hypothesis when a reference was given, and the work it took ({@code lmCalls}: LM
 * look-ups of a lattice expansion, -1 for N-best lists).
 */
public record UtteranceResult(String id, Path file, boolean lattice, List<String> before, ScoredHypothesis best,
                              List<ScoredHypothesis> nbest, List<String> oracle, long lmCalls,
                              int inputArcs, int outputArcs, double seconds) {
}
