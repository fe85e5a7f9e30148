package org.lmrescore.rescore;

import org.lmrescore.lattice.ConfusionNetwork;
import org.lmrescore.lattice.ScoredHypothesis;

import java.util.List;

/**
 * What rescoring one utterance produced: the first-pass 1-best ({@code before}: the input's own
 * best path or top hypothesis), the rescored best, the rescored N-best (best first, possibly
 * empty), the oracle hypothesis when a reference was given, the work it took ({@code lmCalls}: LM
 * look-ups of a lattice expansion, -1 for N-best lists), and the {@link Fallback} used when the
 * lattice was too large for the settings' expansion budget; the confusion network ({@code network}:
 * the one decoded by minimum Bayes risk when {@code consensus}, else the one aligned to the
 * rescored best), the posteriors of the rescored best's words ({@code confidences}), and whether
 * the output is the network's consensus ({@code consensus}) rather than the Viterbi best.
 */
public record UtteranceResult(String id, boolean lattice, List<String> before, ScoredHypothesis best,
                              List<ScoredHypothesis> nbest, List<String> oracle, long lmCalls,
                              int inputArcs, int outputArcs, double seconds, Fallback fallback,
                              ConfusionNetwork network, double[] confidences, boolean consensus)
        implements java.io.Serializable {

    /** The rescored transcript: the consensus words when decoding by consensus, else the Viterbi best's. */
    public List<String> output() {
        if (!consensus) {
            return best.hypothesis().words();
        }
        List<String> words = new java.util.ArrayList<>();
        for (ConfusionNetwork.Word w : network.consensus()) {
            words.add(w.word());
        }
        return words;
    }

    /** How an utterance was rescored: as asked, or by a cheaper way when its lattice exceeded the budget. */
    public enum Fallback {
        /** As the settings asked. */
        NONE,
        /** The lattice expanded under harder pruning ({@link UtteranceRescorer#FALLBACK_PRUNE_BEAM} ...). */
        PRUNED,
        /** Even that exceeded the budget: the lattice's N-best list was rescored instead. */
        NBEST;

        /** The name in summaries: "none", "pruned", "nbest". */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
