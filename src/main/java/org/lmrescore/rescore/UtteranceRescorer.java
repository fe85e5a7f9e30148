package org.lmrescore.rescore;

import org.lmrescore.lattice.ArcPosteriors;
import org.lmrescore.lattice.ConfusionNetwork;
import org.lmrescore.lattice.ExpansionBudgetExceeded;
import org.lmrescore.lattice.KBestPaths;
import org.lmrescore.lattice.KaldiLatticeReader;
import org.lmrescore.lattice.KaldiLatticeWriter;
import org.lmrescore.lattice.KaldiSymbols;
import org.lmrescore.lattice.Lattice;
import org.lmrescore.lattice.LatticeMbr;
import org.lmrescore.lattice.LatticeOracle;
import org.lmrescore.lattice.LatticePruner;
import org.lmrescore.lattice.NBestConsensus;
import org.lmrescore.lattice.NBestLattice;
import org.lmrescore.lattice.NBestList;
import org.lmrescore.lattice.RescoredLattice;
import org.lmrescore.lattice.ScoredHypothesis;
import org.lmrescore.lattice.SlfWriter;
import org.lmrescore.lattice.Utterance;
import org.lmrescore.rescore.UtteranceResult.Fallback;
import org.lmrescore.util.Log;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Rescores one utterance: a lattice by history expansion (or, when asked, through its N-best
 * paths), an N-best list through the prefix tree. Writes the rescored lattice when given a
 * folder; finds the oracle hypothesis when given references; builds the utterance's confusion
 * network (the rescored lattice's when it has times, else its N-best list's) for the word
 * confidences and minimum-Bayes-risk decoding. Thread-safe.
 *
 * <p>A lattice whose expansion exceeds the settings' arc budget is not a failure: it is expanded
 * again under harder pruning, and if that exceeds the budget too, its N-best list is rescored
 * instead; the result records which ({@link Fallback}), so one huge lattice neither exhausts the
 * heap nor costs the batch its other results.
 */
public final class UtteranceRescorer {
    /** The harder pruning of the first fallback, for a lattice whose expansion exceeds the arc budget. */
    static final double FALLBACK_PRUNE_BEAM = 50;
    static final double FALLBACK_BEAM = 50;
    static final int FALLBACK_MAX_HISTORIES = 10;

    private final Scorer scorer;
    private final RescoreSettings settings;
    private final Path latticeDir;
    private final Map<String, List<String>> references;
    private final KaldiSymbols kaldiWords;

    /** {@code latticeDir} and {@code references} may be null. */
    public UtteranceRescorer(Scorer scorer, RescoreSettings settings, Path latticeDir, Map<String, List<String>> references) {
        this(scorer, settings, latticeDir, references, null);
    }

    /**
     * {@code kaldiWords}: the symbol table Kaldi lattices were read with (null: none), for the
     * rescored Kaldi lattices written back.
     */
    public UtteranceRescorer(Scorer scorer, RescoreSettings settings, Path latticeDir, Map<String, List<String>> references,
                             KaldiSymbols kaldiWords) {
        this.scorer = scorer;
        this.settings = settings;
        this.latticeDir = latticeDir;
        this.references = references;
        this.kaldiWords = kaldiWords;
    }

    public UtteranceResult rescore(Utterance u) {
        long start = System.nanoTime();
        List<String> reference = references == null ? null : references.get(u.id());
        Fallback fallback = Fallback.NONE;
        if (u.isLattice() && !settings.latticeAsNBest()) {
            Lattice in = u.lattice();
            Expansion expansion = expand(in);
            RescoredLattice r = expansion.lattice();
            fallback = expansion.fallback();
            if (r != null) {
                ArcPosteriors posteriors = ArcPosteriors.of(r.lattice(), settings.posteriorScale());
                if (latticeDir != null && in.header().format().startsWith(KaldiLatticeReader.FORMAT)) {
                    KaldiLatticeWriter.write(r, scorer.weights(), kaldiWords,
                            latticeDir.resolve(u.id() + OutputFiles.KALDI_LATTICE_SUFFIX));
                } else if (latticeDir != null) {
                    SlfWriter.write(r, scorer.weights(), posteriors, settings.posteriorScale(),
                            latticeDir.resolve(u.id() + OutputFiles.SLF_SUFFIX));
                }
                List<String> before = KBestPaths.best(in).words();
                ScoredHypothesis best = r.score(r.best());
                List<ScoredHypothesis> nbest = settings.nbest() > 0 ? r.nbest(settings.nbest()) : List.of();
                List<String> oracle = reference == null ? null : LatticeOracle.find(in, reference).words();
                List<String> viterbi = best.hypothesis().words();
                LatticeMbr mbr = LatticeMbr.of(r.lattice(), settings.posteriorScale(), viterbi.size());
                ConfusionNetwork aligned;
                ConfusionNetwork network;
                if (mbr != null) {
                    LatticeMbr.Networks networks = mbr.networks(viterbi, settings.consensus());
                    aligned = networks.aligned();
                    network = networks.decoded();
                } else {  // too long for the lattice recursion's budget: the network of its N-best list
                    aligned = NBestConsensus.network(nbest.isEmpty() ? List.of(best) : nbest, settings.posteriorScale());
                    network = aligned;
                }
                return new UtteranceResult(u.id(), true, before, best, nbest, oracle,
                        r.lmCalls(), in.arcCount(), r.lattice().arcCount(), seconds(start), fallback, network,
                        aligned.pivotPosteriors(), settings.consensus());
            }
        }
        NBestList list = u.isLattice() ? NBestList.ofBestPaths(u.lattice(), Math.max(1, settings.nbest())) : u.nbest();
        List<String> before = list.hypotheses().isEmpty() ? List.of() : list.hypotheses().get(0).words();
        List<ScoredHypothesis> scored = PrefixTreeRescorer.sortedByTotal(PrefixTreeRescorer.rescore(list, scorer));
        List<String> oracle = reference == null ? null : LatticeOracle.find(NBestLattice.of(list), reference).words();
        ConfusionNetwork network = NBestConsensus.network(scored, settings.posteriorScale());
        return new UtteranceResult(u.id(), u.isLattice(), before, scored.get(0), scored, oracle,
                -1, list.hypotheses().size(), 0, seconds(start), fallback,
                network, network.pivotPosteriors(), settings.consensus());
    }

    /** A lattice's expansion and how it was made: null, with {@link Fallback#NBEST}, when no expansion fitted the budget. */
    public record Expansion(RescoredLattice lattice, Fallback fallback) {
    }

    /**
     * Prunes {@code in} by the settings' prune beam and expands it; when that exceeds the arc
     * budget, expands it again under {@link #FALLBACK_PRUNE_BEAM} and the other fallback limits;
     * when that does too, returns no lattice and {@link Fallback#NBEST}, for the caller to rescore
     * its N-best list. The one prune-then-expand pipeline of {@code rescore} and {@code SphinxRescorer}.
     */
    public Expansion expand(Lattice in) {
        try {
            return new Expansion(expand(in, settings.pruneBeam(), settings.beam(), settings.maxHistories()), Fallback.NONE);
        } catch (ExpansionBudgetExceeded e) {
            Fallback fallback;
            RescoredLattice r = null;
            try {
                r = expand(in, Math.min(settings.pruneBeam(), FALLBACK_PRUNE_BEAM), Math.min(settings.beam(), FALLBACK_BEAM),
                        Math.min(settings.maxHistories(), FALLBACK_MAX_HISTORIES));
                fallback = Fallback.PRUNED;
            } catch (ExpansionBudgetExceeded again) {
                fallback = Fallback.NBEST;
            }
            Log.warn("%s: %s (%,d input arcs); rescored %s", in.id(), e.getMessage(), in.arcCount(),
                    fallback == Fallback.PRUNED ? "with harder pruning (--prune-beam " + FALLBACK_PRUNE_BEAM + " --beam "
                            + FALLBACK_BEAM + " --max-histories " + FALLBACK_MAX_HISTORIES + ")" : "its N-best list instead");
            return new Expansion(r, fallback);
        }
    }

    private RescoredLattice expand(Lattice in, double pruneBeam, double beam, int maxHistories) {
        return new LatticeRescorer(scorer, settings.historyOrder(), beam, maxHistories, settings.maxExpandedArcs())
                .rescore(LatticePruner.prune(in, pruneBeam));
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
