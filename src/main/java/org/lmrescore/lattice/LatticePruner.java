package org.lmrescore.lattice;

import java.nio.file.Path;

/**
 * Forward-backward pruning before rescoring, as Kaldi's {@code lattice-prune}: an arc is kept
 * when the best path through it, under the lattice's own first-pass weights
 * ({@link Lattice#weight}), is within {@code beam} (natural log) of the best path. Cuts the
 * arcs no plausible rescoring would choose, so an expensive LM reads far fewer histories.
 */
public final class LatticePruner {
    private LatticePruner() {
    }

    public static Lattice prune(Lattice lattice, double beam) {
        if (!(beam > 0)) {
            throw new IllegalArgumentException("the pruning beam must be positive");
        }
        if (Double.isInfinite(beam)) {
            return lattice;
        }
        int n = lattice.nodeCount();
        double[] forward = new double[n];
        double[] backward = new double[n];
        java.util.Arrays.fill(forward, Double.NEGATIVE_INFINITY);
        java.util.Arrays.fill(backward, Double.NEGATIVE_INFINITY);
        forward[0] = 0;
        for (int u = 0; u < n; u++) {
            for (int a = lattice.firstOut(u); a < lattice.firstOut(u + 1); a++) {
                forward[lattice.to(a)] = Math.max(forward[lattice.to(a)], forward[u] + lattice.weight(a));
            }
        }
        backward[n - 1] = 0;
        for (int u = n - 1; u >= 0; u--) {
            for (int a = lattice.firstOut(u); a < lattice.firstOut(u + 1); a++) {
                backward[u] = Math.max(backward[u], lattice.weight(a) + backward[lattice.to(a)]);
            }
        }
        double floor = forward[n - 1] - beam;
        LatticeBuilder b = new LatticeBuilder(Path.of(lattice.id()));
        boolean[] used = new boolean[n];
        int kept = 0;
        for (int a = 0; a < lattice.arcCount(); a++) {
            if (forward[lattice.from(a)] + lattice.weight(a) + backward[lattice.to(a)] >= floor) {
                used[lattice.from(a)] = true;
                used[lattice.to(a)] = true;
                kept++;
            }
        }
        if (kept == lattice.arcCount()) {
            return lattice;
        }
        for (int v = 0; v < n; v++) {
            if (used[v]) {
                b.node(v, null, lattice.nodeTime(v), Double.NaN, Double.NaN, 0);
            }
        }
        for (int a = 0; a < lattice.arcCount(); a++) {
            if (forward[lattice.from(a)] + lattice.weight(a) + backward[lattice.to(a)] >= floor) {
                b.arc(lattice.from(a), lattice.to(a), lattice.word(a), lattice.acoustic(a), lattice.lmScore(a),
                        lattice.begin(a), lattice.end(a), 0);
            }
        }
        return b.start(0).end(n - 1).build(lattice.id(), lattice.header());
    }
}
