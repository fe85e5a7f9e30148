package org.lmrescore.lattice;

import java.util.ArrayList;
import java.util.List;

/** A start-to-end path through a lattice: its arcs in order and its score (sum of {@link Lattice#weight}). */
public record LatticePath(Lattice lattice, int[] arcs, double score) {

    /** All tokens on the path, boundaries and fillers included. */
    public List<String> tokens() {
        List<String> out = new ArrayList<>(arcs.length);
        for (int a : arcs) {
            out.add(lattice.word(a));
        }
        return out;
    }

    /** The transcript words of the path. */
    public List<String> words() {
        List<String> out = new ArrayList<>(arcs.length);
        for (int a : arcs) {
            if (Tokens.isWord(lattice.word(a))) {
                out.add(lattice.word(a));
            }
        }
        return out;
    }

    /**
     * The path as a hypothesis: its tokens, summed acoustic and LM scores, and times. A word's
     * missing end time is the next word's start (Sphinx's SLF gives start times only).
     */
    public Hypothesis toHypothesis() {
        int n = arcs.length;
        double acoustic = 0;
        double lm = 0;
        double[] begin = new double[n];
        double[] end = new double[n];
        boolean anyTime = false;
        for (int i = 0; i < n; i++) {
            int a = arcs[i];
            acoustic += lattice.acoustic(a);
            lm += lattice.lmScore(a);
            begin[i] = lattice.begin(a);
            end[i] = lattice.end(a);
            anyTime |= !Double.isNaN(begin[i]);
        }
        for (int i = n - 1; i >= 0; i--) {
            if (Double.isNaN(end[i])) {
                end[i] = i + 1 < n ? begin[i + 1] : Double.NaN;
            }
        }
        return anyTime ? new Hypothesis(tokens(), acoustic, lm, begin, end) : Hypothesis.of(tokens(), acoustic, lm);
    }
}
