package org.lmrescore.lattice;

import java.util.List;

/** The N-best hypotheses of one utterance, best first as the producer ranked them. */
public record NBestList(String id, List<Hypothesis> hypotheses) {
    public NBestList {
        hypotheses = List.copyOf(hypotheses);
    }
}
