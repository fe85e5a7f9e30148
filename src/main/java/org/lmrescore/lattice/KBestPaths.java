package org.lmrescore.lattice;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The k best start-to-end paths of a lattice under {@link Lattice#weight}, exactly, by the
 * recursive enumeration algorithm of Jiménez and Marzal (1999): one Viterbi pass gives every
 * node its best path; the next best path of a node is found lazily from a heap of candidates
 * (each incoming arc extended by some path of its start node), asking the start node for its own
 * next path only when needed. Work and memory grow with the paths actually enumerated (about k x
 * path length), not with nodes x k, so enumerating many paths of a large lattice to find k
 * distinct word strings stays cheap.
 */
public final class KBestPaths {
    private static final int MAX_PATHS_PER_STRING = 500;

    private final Lattice lattice;
    /** Per node, its paths found so far, best first: score, last arc, rank of the prefix at the arc's start. */
    private final double[][] score;
    private final int[][] arc;
    private final int[][] rank;
    private final int[] count;
    private final boolean[] exhausted;
    private final PriorityQueue<Candidate>[] candidates;

    private record Candidate(double score, int arc, int rank) {
    }

    @SuppressWarnings("unchecked")
    private KBestPaths(Lattice lattice) {
        this.lattice = lattice;
        int n = lattice.nodeCount();
        score = new double[n][];
        arc = new int[n][];
        rank = new int[n][];
        count = new int[n];
        exhausted = new boolean[n];
        candidates = new PriorityQueue[n];
        score[0] = new double[] {0};
        arc[0] = new int[] {-1};
        rank[0] = new int[] {-1};
        count[0] = 1;
        exhausted[0] = true;
        for (int v = 1; v < n; v++) {
            double best = Double.NEGATIVE_INFINITY;
            int bestArc = -1;
            for (int i = 0; i < lattice.inDegree(v); i++) {
                int a = lattice.inArc(v, i);
                double s = score[lattice.from(a)][0] + lattice.weight(a);
                if (bestArc < 0 || s > best) {
                    best = s;
                    bestArc = a;
                }
            }
            score[v] = new double[] {best};
            arc[v] = new int[] {bestArc};
            rank[v] = new int[] {0};
            count[v] = 1;
        }
    }

    /** The best path. */
    public static LatticePath best(Lattice lattice) {
        return new KBestPaths(lattice).path(0);
    }

    /** Up to {@code k} best paths, best first (paths, not word strings: two may read the same). */
    public static List<LatticePath> find(Lattice lattice, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1");
        }
        KBestPaths search = new KBestPaths(lattice);
        List<LatticePath> out = new ArrayList<>(k);
        for (int i = 0; i < k && search.ensure(lattice.endNode(), i); i++) {
            out.add(search.path(i));
        }
        return out;
    }

    /**
     * Up to {@code k} best distinct word strings (transcript words), each with its best path,
     * best first. Paths are enumerated in order until k strings are found, the lattice has no
     * more paths, or 500 k paths were read (lattices with many time or pronunciation variants).
     */
    public static List<LatticePath> distinctWords(Lattice lattice, int k) {
        KBestPaths search = new KBestPaths(lattice);
        List<LatticePath> out = new ArrayList<>(k);
        Set<List<String>> seen = new HashSet<>();
        long limit = (long) MAX_PATHS_PER_STRING * k;
        for (int i = 0; out.size() < k && i < limit && search.ensure(lattice.endNode(), i); i++) {
            LatticePath p = search.path(i);
            if (seen.add(p.words())) {
                out.add(p);
            }
        }
        return out;
    }

    /** Makes path {@code k} (0-based) of node {@code v} known; false when v has no such path. */
    private boolean ensure(int v, int k) {
        while (count[v] <= k) {
            if (exhausted[v] || !next(v)) {
                exhausted[v] = true;
                return false;
            }
        }
        return true;
    }

    /** Finds the next path of {@code v} (v is not the start node). */
    private boolean next(int v) {
        PriorityQueue<Candidate> heap = candidates[v];
        if (heap == null) {
            heap = new PriorityQueue<>((x, y) -> Double.compare(y.score, x.score));
            candidates[v] = heap;
            for (int i = 0; i < lattice.inDegree(v); i++) {
                int a = lattice.inArc(v, i);
                if (a != arc[v][0]) {
                    heap.add(new Candidate(score[lattice.from(a)][0] + lattice.weight(a), a, 0));
                }
            }
        }
        int last = count[v] - 1;
        int a = arc[v][last];
        int u = lattice.from(a);
        int r = rank[v][last] + 1;
        if (ensure(u, r)) {
            heap.add(new Candidate(score[u][r] + lattice.weight(a), a, r));
        }
        Candidate c = heap.poll();
        if (c == null) {
            return false;
        }
        int m = count[v];
        if (m == score[v].length) {
            int size = Math.max(4, m * 2);
            score[v] = Arrays.copyOf(score[v], size);
            arc[v] = Arrays.copyOf(arc[v], size);
            rank[v] = Arrays.copyOf(rank[v], size);
        }
        score[v][m] = c.score;
        arc[v][m] = c.arc;
        rank[v][m] = c.rank;
        count[v] = m + 1;
        return true;
    }

    /** Path {@code i} of the end node, which must be known. */
    private LatticePath path(int i) {
        int[] back = new int[16];
        int len = 0;
        int v = lattice.endNode();
        int j = i;
        double total = score[v][i];
        while (v != 0) {
            int a = arc[v][j];
            if (len == back.length) {
                back = Arrays.copyOf(back, len * 2);
            }
            back[len++] = a;
            j = rank[v][j];
            v = lattice.from(a);
        }
        int[] arcs = new int[len];
        for (int t = 0; t < len; t++) {
            arcs[t] = back[len - 1 - t];
        }
        return new LatticePath(lattice, arcs, total);
    }
}
