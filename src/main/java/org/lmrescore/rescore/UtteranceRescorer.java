package org.lmrescore.rescore;

import org.lmrescore.lattice.KBestPaths;
import org.lmrescore.lattice.Lattice;
import org.lmrescore.lattice.LatticeOracle;
import org.lmrescore.lattice.LatticePruner;
import org.lmrescore.lattice.LatticeRescorer;
import org.lmrescore.lattice.NBestLattice;
import org.lmrescore.lattice.NBestList;
import org.lmrescore.lattice.PrefixTreeRescorer;
import org.lmrescore.lattice.RescoredLattice;
import org.lmrescore.lattice.ScoredHypothesis;
import org.lmrescore.lattice.Scorer;
import org.lmrescore.lattice.SlfWriter;
import org.lmrescore.lattice.Utterance;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Rescores one utterance: a lattice by history expansion (or, when asked, through its N-best
 * paths), an N-best list through the prefix tree. Writes the rescored lattice when given a
 * folder; finds the oracle hypothesis when given references. Thread-safe.
 */
public final class UtteranceRescorer {
    private final Scorer scorer;
    private final RescoreSettings settings;
    private final Path latticeDir;
    private final Map<String, List<String>> references;

    /** {@code latticeDir} and {@code references} may be null. */
    public UtteranceRescorer(Scorer scorer, RescoreSettings settings, Path latticeDir, Map<String, List<String>> references) {
        this.scorer = scorer;
        this.settings = settings;
        this.latticeDir = latticeDir;
        this.references = references;
    }

    public UtteranceResult rescore(Utterance u) {
        long start = System.nanoTime();
        List<String> reference = references == null ? null : references.get(u.id());
        if (u.isLattice() && !settings.latticeAsNBest()) {
            Lattice in = u.lattice();
            List<String> before = KBestPaths.best(in).words();
            RescoredLattice r = new LatticeRescorer(scorer, settings.historyOrder(), settings.beam(),
                    settings.maxHistories()).rescore(LatticePruner.prune(in, settings.pruneBeam()));
            if (latticeDir != null) {
                SlfWriter.write(r, scorer.weights(), latticeDir.resolve(u.id() + ".slf.gz"));
            }
            ScoredHypothesis best = r.score(r.best());
            List<ScoredHypothesis> nbest = settings.nbest() > 0 ? r.nbest(settings.nbest()) : List.of();
            List<String> oracle = reference == null ? null : LatticeOracle.find(in, reference).words();
            return new UtteranceResult(u.id(), u.file(), true, before, best, nbest, oracle,
                    r.lmCalls(), in.arcCount(), r.lattice().arcCount(), seconds(start));
        }
        NBestList list = u.isLattice() ? NBestList.ofBestPaths(u.lattice(), Math.max(1, settings.nbest())) : u.nbest();
        List<String> before = list.hypotheses().isEmpty() ? List.of() : list.hypotheses().get(0).words();
        List<ScoredHypothesis> scored = PrefixTreeRescorer.sortedByTotal(PrefixTreeRescorer.rescore(list, scorer));
        List<String> oracle = reference == null ? null : LatticeOracle.find(NBestLattice.of(list), reference).words();
        return new UtteranceResult(u.id(), u.file(), u.isLattice(), before, scored.get(0), scored, oracle,
                -1, list.hypotheses().size(), 0, seconds(start));
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
