package org.lmrescore.rescore;

import org.lmrescore.lattice.ConfusionNetwork;
import org.lmrescore.lattice.ScoreWeights;

/**
 * How to rescore: the score weights, the lattice expansion's history order, beam and cap on
 * histories per node, how many N-best hypotheses to extract ({@code nbest}; with
 * {@code latticeAsNBest}, lattices are first reduced to their {@code nbest} best paths and
 * rescored as N-best lists), the forward-backward beam that prunes each input lattice first
 * ({@code pruneBeam}, infinite: none), and the most arcs one lattice's expansion may make
 * ({@code maxExpandedArcs}; beyond it the utterance falls back, see {@link UtteranceRescorer}),
 * the scale of the totals in posteriors ({@code posteriorScale}: the confusion network, its
 * confidences, {@link ConfusionNetwork}; 0 means 1 / lmscale, as is customary, or 1 when lmscale is not positive), and whether the
 * output is the network's consensus ({@code consensus}, minimum-Bayes-risk decoding) instead of
 * the Viterbi best.
 */
public record RescoreSettings(ScoreWeights weights, int historyOrder, double beam, int maxHistories,
                              int nbest, boolean latticeAsNBest, double pruneBeam, long maxExpandedArcs,
                              double posteriorScale, boolean consensus) {
    public static final int DEFAULT_HISTORY_ORDER = 4;
    public static final double DEFAULT_BEAM = 500;
    public static final int DEFAULT_MAX_HISTORIES = 100;
    /** The forward-backward beam that prunes each input lattice before its expansion (natural log). */
    public static final double DEFAULT_PRUNE_BEAM = 150;
    public static final int DEFAULT_NBEST = 100;

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
        this(weights, historyOrder, beam, maxHistories, nbest, latticeAsNBest, pruneBeam, maxExpandedArcs, 0, false);
    }

    public RescoreSettings {
        if (historyOrder < 1 || maxHistories < 1 || !(beam > 0) || nbest < 0 || !(pruneBeam > 0) || maxExpandedArcs < 1) {
            throw new IllegalArgumentException(
                    "history order, max histories, beam, prune beam and max expanded arcs must be positive, nbest >= 0");
        }
        if (posteriorScale < 0 || Double.isNaN(posteriorScale) || Double.isInfinite(posteriorScale)) {
            throw new IllegalArgumentException("--posterior-scale must be positive (0: 1 / lmscale), not " + posteriorScale);
        }
        if (posteriorScale == 0) {
            posteriorScale = weights.lmScale() > 0 ? 1 / weights.lmScale() : 1;
        }
    }
}
