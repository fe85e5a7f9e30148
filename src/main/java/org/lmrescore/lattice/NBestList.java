package org.lmrescore.lattice;

import java.util.ArrayList;
import java.util.List;

/** The N-best hypotheses of one utterance, best first as the producer ranked them. */
public record NBestList(String id, List<Hypothesis> hypotheses) {
    public NBestList {
        hypotheses = List.copyOf(hypotheses);
    }

    /** A lattice's {@code k} best distinct word strings (see {@link KBestPaths#distinctWords}), best first. */
    public static NBestList ofBestPaths(Lattice lattice, int k) {
        List<Hypothesis> hyps = new ArrayList<>();
        for (LatticePath p : KBestPaths.distinctWords(lattice, k)) {
            hyps.add(p.toHypothesis());
        }
        return new NBestList(lattice.id(), hyps);
    }
}
