package org.lmrescore.lattice;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The lattice path closest to a reference transcript: the fewest substitutions, deletions and
 * insertions over all paths (fillers and boundaries are free and match nothing), by dynamic
 * programming over (lattice node, reference position) in topological order. Its error count
 * over the reference length is the lattice oracle WER.
 */
public final class LatticeOracle {
    private LatticeOracle() {
    }

    /** The oracle path's words and its number of errors against {@code reference}. */
    public record Result(List<String> words, int errors) {
    }

    public static Result find(Lattice lattice, List<String> reference) {
        int n = lattice.nodeCount();
        int r = reference.size();
        int[][] cost = new int[n][r + 1];
        // back-pointer: arc index and the reference position it came from; -1 arc = deletion at the node
        int[][] arc = new int[n][r + 1];
        int[][] prevJ = new int[n][r + 1];
        for (int j = 0; j <= r; j++) {
            cost[0][j] = j;
            arc[0][j] = -1;
            prevJ[0][j] = j - 1;
        }
        for (int v = 1; v < n; v++) {
            int[] c = cost[v];
            java.util.Arrays.fill(c, Integer.MAX_VALUE);
            int deg = lattice.inDegree(v);
            for (int i = 0; i < deg; i++) {
                int a = lattice.inArc(v, i);
                int[] cu = cost[lattice.from(a)];
                String w = lattice.word(a);
                boolean word = Tokens.isWord(w);
                for (int j = 0; j <= r; j++) {
                    if (!word) {
                        relax(v, j, cu[j], a, j, cost, arc, prevJ);
                    } else {
                        relax(v, j, cu[j] + 1, a, j, cost, arc, prevJ); // insertion
                        if (j > 0) {
                            int sub = w.equals(reference.get(j - 1)) ? 0 : 1;
                            relax(v, j, cu[j - 1] + sub, a, j - 1, cost, arc, prevJ);
                        }
                    }
                }
            }
            for (int j = 1; j <= r; j++) {
                relax(v, j, c[j - 1] + 1, -1, j - 1, cost, arc, prevJ); // deletion
            }
        }
        int end = n - 1;
        List<String> words = new ArrayList<>();
        int v = end;
        int j = r;
        while (!(v == 0 && j <= 0)) {
            int a = arc[v][j];
            int pj = prevJ[v][j];
            if (a < 0) {
                j = pj;
                continue;
            }
            if (Tokens.isWord(lattice.word(a))) {
                words.add(lattice.word(a));
            }
            v = lattice.from(a);
            j = pj;
        }
        Collections.reverse(words);
        return new Result(words, cost[end][r]);
    }

    private static void relax(int v, int j, int c, int a, int pj, int[][] cost, int[][] arc, int[][] prevJ) {
        if (c < cost[v][j]) {
            cost[v][j] = c;
            arc[v][j] = a;
            prevJ[v][j] = pj;
        }
    }
}
