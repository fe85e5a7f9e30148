package org.lmrescore.lattice;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The k best start-to-end paths of a lattice under {@link Lattice#weight}, exactly: in
 * topological order every node keeps its k best partial paths (score, last arc, rank of the
 * prefix at the arc's start), merged from its incoming arcs with a heap. O(arcs + nodes k log k)
 * time, nodes x k memory.
 */
public final class KBestPaths {
    private KBestPaths() {
    }

    /** The best path. */
    public static LatticePath best(Lattice lattice) {
        return find(lattice, 1).get(0);
    }

    /** Up to {@code k} best paths, best first (paths, not word strings: two may read the same). */
    public static List<LatticePath> find(Lattice lattice, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1");
        }
        int n = lattice.nodeCount();
        double[][] score = new double[n][];
        int[][] arc = new int[n][];
        int[][] rank = new int[n][];
        score[0] = new double[] {0};
        arc[0] = new int[] {-1};
        rank[0] = new int[] {-1};
        PriorityQueue<long[]> heap = new PriorityQueue<>((x, y) -> Double.compare(
                Double.longBitsToDouble(y[0]), Double.longBitsToDouble(x[0])));
        double[] s = new double[k];
        int[] a = new int[k];
        int[] r = new int[k];
        for (int v = 1; v < n; v++) {
            heap.clear();
            int deg = lattice.inDegree(v);
            for (int i = 0; i < deg; i++) {
                int in = lattice.inArc(v, i);
                int u = lattice.from(in);
                if (score[u].length > 0) {
                    heap.add(new long[] {Double.doubleToLongBits(score[u][0] + lattice.weight(in)), in, 0});
                }
            }
            int m = 0;
            while (m < k && !heap.isEmpty()) {
                long[] top = heap.poll();
                s[m] = Double.longBitsToDouble(top[0]);
                a[m] = (int) top[1];
                r[m] = (int) top[2];
                m++;
                int u = lattice.from((int) top[1]);
                int next = (int) top[2] + 1;
                if (next < score[u].length) {
                    top[0] = Double.doubleToLongBits(score[u][next] + lattice.weight((int) top[1]));
                    top[2] = next;
                    heap.add(top);
                }
            }
            score[v] = Arrays.copyOf(s, m);
            arc[v] = Arrays.copyOf(a, m);
            rank[v] = Arrays.copyOf(r, m);
        }
        int end = n - 1;
        List<LatticePath> out = new ArrayList<>(score[end].length);
        for (int i = 0; i < score[end].length; i++) {
            int[] path = new int[n];
            int len = 0;
            int v = end;
            int j = i;
            while (v != 0) {
                int in = arc[v][j];
                path[len++] = in;
                j = rank[v][j];
                v = lattice.from(in);
            }
            int[] arcs = new int[len];
            for (int t = 0; t < len; t++) {
                arcs[t] = path[len - 1 - t];
            }
            out.add(new LatticePath(lattice, arcs, score[end][i]));
        }
        return out;
    }

    /**
     * Up to {@code k} best distinct word strings (transcript words), each with its best path,
     * best first: k-best paths with k grown until enough strings are found or the lattice has no more.
     */
    public static List<LatticePath> distinctWords(Lattice lattice, int k) {
        int want = k;
        while (true) {
            List<LatticePath> paths = find(lattice, want);
            List<LatticePath> out = new ArrayList<>(k);
            Set<List<String>> seen = new HashSet<>();
            for (LatticePath p : paths) {
                if (seen.add(p.words())) {
                    out.add(p);
                    if (out.size() == k) {
                        return out;
                    }
                }
            }
            if (paths.size() < want || want >= 64 * k) {
                return out;
            }
            want *= 4;
        }
    }
}
