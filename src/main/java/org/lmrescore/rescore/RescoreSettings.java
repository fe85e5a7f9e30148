package org.lmrescore.rescore;

import org.lmrescore.lattice.LatticeRescorer;
import org.lmrescore.lattice.NBestConsensus;
import org.lmrescore.lattice.ScoreWeights;

/**
 * How to rescore: the score weights, the lattice expansion's history order, beam and cap on
 * histories per node, how many N-best hypotheses to extract ({@code nbest}; with
 * {@code latticeAsNBest}, lattices are first reduced to their {@code nbest} best paths and
 * rescored as N-best lists), the forward-backward beam that prunes each input lattice first
 * ({@code pruneBeam}, infinite: none), and the most arcs one lattice's expansion may make
 * ({@code maxExpandedArcs}; beyond it the utterance falls back, see {@link UtteranceRescorer}),
 * and, when {@code consensusScale} is positive, consensus decoding of the N-best list at that
 * posterior scale instead of the Viterbi best.
 */
public record RescoreSettings(ScoreWeights weights, int historyOrder, double beam, int maxHistories,
                              int nbest, boolean latticeAsNBest, double pruneBeam, long maxExpandedArcs,
                              double consensusScale) {
    public static final int DEFAULT_HISTORY_ORDER = 4;
    public static final double DEFAULT_BEAM = 500;
    public static final int DEFAULT_MAX_HISTORIES = 100;

    /** Settings without input pruning. */
    public RescoreSettings(ScoreWeights weights, int historyOrder, double beam, int maxHistories,
                           int nbest, boolean latticeAsNBest) {
        this(weights, historyOrder, beam, maxHistories, nbest, latticeAsNBest, Double.POSITIVE_INFINITY);
    }

    /** Settings with the default expansion budget ({@link LatticeRescorer#DEFAULT_MAX_ARCS}). */
    public RescoreSettings(ScoreWeights weights, int historyOrder, double beam, int maxHistories,
                           int nbest, boolean latticeAsNBest, double pruneBeam) {
        this(weights, historyOrder, beam, maxHistories, nbest, latticeAsNBest, pruneBeam, LatticeRescorer.DEFAULT_MAX_ARCS);
    }

    /** Viterbi decoding (no consensus). */
    public RescoreSettings(ScoreWeights weights, int historyOrder, double beam, int maxHistories,
                           int nbest, boolean latticeAsNBest, double pruneBeam, long maxExpandedArcs) {
        this(weights, historyOrder, beam, maxHistories, nbest, latticeAsNBest, pruneBeam, maxExpandedArcs, 0);
    }

    public RescoreSettings {
        if (historyOrder < 1 || maxHistories < 1 || !(beam > 0) || nbest < 0 || !(pruneBeam > 0) || maxExpandedArcs < 1) {
            throw new IllegalArgumentException(
                    "history order, max histories, beam, prune beam and max expanded arcs must be positive, nbest >= 0");
        }
        if (consensusScale < 0 || Double.isNaN(consensusScale) || Double.isInfinite(consensusScale)) {
            throw new IllegalArgumentException("the posterior scale must be a positive number");
        }
        if (consensusScale > 0 && nbest < 1) {
            throw new IllegalArgumentException("consensus decoding works on the N-best list: --nbest must be at least 1");
        }
    }

    /** These settings with consensus decoding of the N-best list at this posterior scale ({@link NBestConsensus}). */
    public RescoreSettings withConsensus(double posteriorScale) {
        return new RescoreSettings(weights, historyOrder, beam, maxHistories, nbest, latticeAsNBest, pruneBeam,
                maxExpandedArcs, posteriorScale);
    }

    /** Whether the output is the N-best list's consensus rather than its Viterbi best. */
    public boolean consensus() {
        return consensusScale > 0;
    }
}
