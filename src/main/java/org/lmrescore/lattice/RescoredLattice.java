package org.lmrescore.lattice;

import java.util.ArrayList;
import java.util.List;

/**
 * The result of rescoring a lattice: the expanded lattice whose weights are the new totals
 * (acoustic, the new weighted LM score, the word penalty), the new ln P of each of its arcs
 * (with {@code </s>} on the arcs into the end node), the first-pass LM score each arc carried,
 * the best path, and what the expansion cost.
 */
public record RescoredLattice(Lattice lattice, double[] lmLogProb, double[] firstPassLm, int[] counted,
                              LatticePath best, long lmCalls, int prunedNodes) {

    /** A path of {@link #lattice()} with its LM score, word count and total. */
    public ScoredHypothesis score(LatticePath path) {
        double lp = 0;
        double firstPass = 0;
        int words = 0;
        for (int a : path.arcs()) {
            lp += lmLogProb[a];
            firstPass += firstPassLm[a];
            words += counted[a];
        }
        Hypothesis h = path.toHypothesis();
        return new ScoredHypothesis(new Hypothesis(h.tokens(), h.acoustic(), firstPass, h.begin(), h.end()),
                lp, words, path.score());
    }

    /** Up to {@code k} best distinct word strings of the rescored lattice, best first. */
    public List<ScoredHypothesis> nbest(int k) {
        List<ScoredHypothesis> out = new ArrayList<>();
        for (LatticePath p : KBestPaths.distinctWords(lattice, k)) {
            out.add(score(p));
        }
        return out;
    }
}
