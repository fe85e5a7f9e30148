package org.lmrescore.lattice;

import java.nio.file.Path;
import java.util.List;

/**
 * An N-best list as a lattice: one chain of arcs per hypothesis from a shared start to a shared
 * end, carrying the hypothesis's scores on its first arc. Lets lattice algorithms (the oracle,
 * the writer) serve N-best lists too.
 */
public final class NBestLattice {
    private NBestLattice() {
    }

    public static Lattice of(NBestList list) {
        LatticeBuilder b = new LatticeBuilder(Path.of(list.id()));
        long next = 2;
        b.node(0, null, Double.NaN, Double.NaN, Double.NaN, 0);
        b.node(1, null, Double.NaN, Double.NaN, Double.NaN, 0);
        b.start(0).end(1);
        for (Hypothesis h : list.hypotheses()) {
            List<String> tokens = h.tokens();
            long prev = 0;
            for (int i = 0; i < tokens.size(); i++) {
                long node = next++;
                b.node(node, null, Double.NaN, Double.NaN, Double.NaN, 0);
                b.arc(prev, node, tokens.get(i), i == 0 ? h.acoustic() : 0, i == 0 ? h.firstPassLm() : 0, 0);
                prev = node;
            }
            b.arc(prev, 1, Tokens.NULL, tokens.isEmpty() ? h.acoustic() : 0, tokens.isEmpty() ? h.firstPassLm() : 0, 0);
        }
        return b.build(list.id(), LatticeHeader.unknown("N-best"));
    }
}
