package org.lmrescore.lattice;

import java.util.Arrays;

/**
 * Arc posteriors of a lattice by forward-backward: P(arc) = sum over the paths through the arc of
 * exp(scale x path weight), over the same sum for all paths, with the path weight the lattice's
 * own ({@link Lattice#weight}: for a rescored lattice, the new totals). The scale flattens the
 * weights, whose acoustic part is far too peaked; customarily 1 / lmscale (Kaldi's acoustic
 * scale, SRILM's {@code -posterior-scale} is its inverse). Sums in natural log (log-sum-exp), so
 * long utterances do not underflow.
 */
public final class ArcPosteriors {
    private final double[] posterior;
    private final double logTotal;

    private ArcPosteriors(double[] posterior, double logTotal) {
        this.posterior = posterior;
        this.logTotal = logTotal;
    }

    /** The posteriors of every arc of {@code lattice} at posterior scale {@code scale} (positive, finite). */
    public static ArcPosteriors of(Lattice lattice, double scale) {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("posterior scale must be a positive number, not " + scale);
        }
        int n = lattice.nodeCount();
        double[] forward = new double[n];
        double[] backward = new double[n];
        Arrays.fill(forward, Double.NEGATIVE_INFINITY);
        Arrays.fill(backward, Double.NEGATIVE_INFINITY);
        forward[lattice.startNode()] = 0;
        for (int u = 0; u < n; u++) {
            for (int a = lattice.firstOut(u); a < lattice.firstOut(u + 1); a++) {
                int v = lattice.to(a);
                forward[v] = logAdd(forward[v], forward[u] + scale * lattice.weight(a));
            }
        }
        backward[lattice.endNode()] = 0;
        for (int u = n - 1; u >= 0; u--) {
            for (int a = lattice.firstOut(u); a < lattice.firstOut(u + 1); a++) {
                backward[u] = logAdd(backward[u], scale * lattice.weight(a) + backward[lattice.to(a)]);
            }
        }
        double total = forward[lattice.endNode()];
        double[] posterior = new double[lattice.arcCount()];
        for (int a = 0; a < posterior.length; a++) {
            posterior[a] = Math.exp(forward[lattice.from(a)] + scale * lattice.weight(a) + backward[lattice.to(a)] - total);
        }
        return new ArcPosteriors(posterior, total);
    }

    /** The posterior probability of {@code arc}. */
    public double of(int arc) {
        return posterior[arc];
    }

    /** ln of the sum over all paths of exp(scale x path weight). */
    public double logTotal() {
        return logTotal;
    }

    /** ln(e^x + e^y), exact for infinite arguments. */
    static double logAdd(double x, double y) {
        if (x == Double.NEGATIVE_INFINITY) {
            return y;
        }
        if (y == Double.NEGATIVE_INFINITY) {
            return x;
        }
        double max = Math.max(x, y);
        return max + Math.log1p(Math.exp(-Math.abs(x - y)));
    }
}
