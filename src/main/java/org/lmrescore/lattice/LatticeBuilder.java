package org.lmrescore.lattice;

import it.unimi.dsi.fastutil.doubles.DoubleArrayList;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import it.unimi.dsi.fastutil.objects.ObjectArrayList;
import org.lmrescore.util.InputFormatException;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Collects the nodes and arcs of a lattice as a file lists them (any ids, any order, words on
 * nodes or on arcs) and checks and normalises them into a {@link Lattice}: every arc must name
 * defined nodes, the graph must be acyclic with one start and one end (given or implied), nodes
 * off every start-to-end path are dropped, and nodes are renumbered in topological order.
 *
 * <p>A node may carry a word (words on nodes: it labels every arc entering the node) and times:
 * {@code time} is when the words entering the node end (HTK's {@code t=}); {@code wordBegin} /
 * {@code wordEnd} are the node word's own times when a format gives them (Sphinx). Errors name
 * the line that defined the offending node or arc.
 */
public final class LatticeBuilder {
    /**
     * Most nodes and most arcs one lattice may have: about 60 bytes each while reading, so a
     * lattice (or a gzip bomb posing as one) cannot take more than a few hundred MB of a batch's
     * heap. 40 times the largest lattice of the AMI sample.
     */
    public static final int MAX_NODES = 5_000_000;
    public static final int MAX_ARCS = 5_000_000;

    private final Path file;
    private final Long2IntOpenHashMap nodeIndex = new Long2IntOpenHashMap();
    private final LongArrayList nodeIds = new LongArrayList();
    private final IntArrayList nodeLine = new IntArrayList();
    private final DoubleArrayList nodeTime = new DoubleArrayList();
    private final DoubleArrayList nodeWordBegin = new DoubleArrayList();
    private final DoubleArrayList nodeWordEnd = new DoubleArrayList();
    private final ObjectArrayList<String> nodeWord = new ObjectArrayList<>();

    private final LongArrayList arcFrom = new LongArrayList();
    private final LongArrayList arcTo = new LongArrayList();
    private final IntArrayList arcLine = new IntArrayList();
    private final ObjectArrayList<String> arcWord = new ObjectArrayList<>();
    private final DoubleArrayList arcAcoustic = new DoubleArrayList();
    private final DoubleArrayList arcLm = new DoubleArrayList();
    private final DoubleArrayList arcBegin = new DoubleArrayList();
    private final DoubleArrayList arcEnd = new DoubleArrayList();

    private long startId = Long.MIN_VALUE;
    private long endId = Long.MIN_VALUE;

    public LatticeBuilder(Path file) {
        this.file = file;
        nodeIndex.defaultReturnValue(-1);
    }

    /** Defines a node; {@code word} may be null (words on arcs), times NaN when unknown. */
    public LatticeBuilder node(long id, String word, double time, double wordBegin, double wordEnd, long line) {
        if (nodeIds.size() >= MAX_NODES) {
            throw tooLarge(line);
        }
        if (nodeIndex.containsKey(id)) {
            throw new InputFormatException(file, line, "node " + id + " is defined twice (first at line "
                    + nodeLine.getInt(nodeIndex.get(id)) + ")");
        }
        nodeIndex.put(id, nodeIds.size());
        nodeIds.add(id);
        nodeLine.add((int) line);
        nodeWord.add(word);
        nodeTime.add(time);
        nodeWordBegin.add(wordBegin);
        nodeWordEnd.add(wordEnd);
        return this;
    }

    /**
     * Adds an arc; {@code word} null means the end node's word (or {@code !NULL}). Scores in
     * natural log: {@code acoustic} as the decoder added it, {@code lmScore} as weighted.
     */
    public LatticeBuilder arc(long from, long to, String word, double acoustic, double lmScore, long line) {
        return arc(from, to, word, acoustic, lmScore, Double.NaN, Double.NaN, line);
    }

    /** An arc with its word's own times (NaN: taken from the nodes, as above). */
    public LatticeBuilder arc(long from, long to, String word, double acoustic, double lmScore,
                              double begin, double end, long line) {
        if (arcFrom.size() >= MAX_ARCS) {
            throw tooLarge(line);
        }
        arcBegin.add(begin);
        arcEnd.add(end);
        arcFrom.add(from);
        arcTo.add(to);
        arcWord.add(word);
        arcAcoustic.add(acoustic);
        arcLm.add(lmScore);
        arcLine.add((int) line);
        return this;
    }

    /** The error for a lattice past {@link #MAX_NODES} or {@link #MAX_ARCS}. */
    public InputFormatException tooLarge(long line) {
        return new InputFormatException(file, line, "lattice too large: more than " + MAX_ARCS + " arcs or "
                + MAX_NODES + " nodes (the limit bounds memory; prune it first, e.g. with lattice-tool or HLRescore)");
    }

    public LatticeBuilder start(long id) {
        startId = id;
        return this;
    }

    public LatticeBuilder end(long id) {
        endId = id;
        return this;
    }

    public int nodeCount() {
        return nodeIds.size();
    }

    public int arcCount() {
        return arcFrom.size();
    }

    /** Checks the graph and returns the normalised lattice. */
    public Lattice build(String id, LatticeHeader header) {
        int n = nodeIds.size();
        int m = arcFrom.size();
        if (n == 0) {
            throw new InputFormatException(file, 0, "the lattice has no nodes");
        }
        int[] from = new int[m];
        int[] to = new int[m];
        for (int a = 0; a < m; a++) {
            from[a] = resolve(arcFrom.getLong(a), a);
            to[a] = resolve(arcTo.getLong(a), a);
        }
        int start = terminal(startId, "start", from, to, true);
        int end = terminal(endId, "end", from, to, false);

        int[] order = topologicalOrder(n, from, to);
        boolean[] keep = onStartEndPaths(n, from, to, start, end);
        int[] newId = new int[n];
        Arrays.fill(newId, -1);
        int kept = 0;
        for (int v : order) {
            if (keep[v]) {
                newId[v] = kept++;
            }
        }
        double[] time = new double[kept];
        for (int v = 0; v < n; v++) {
            if (newId[v] >= 0) {
                time[newId[v]] = nodeTime.getDouble(v);
            }
        }
        // counting sort of the kept arcs by their new start node
        int[] count = new int[kept + 1];
        int keptArcs = 0;
        for (int a = 0; a < m; a++) {
            if (newId[from[a]] >= 0 && newId[to[a]] >= 0) {
                count[newId[from[a]] + 1]++;
                keptArcs++;
            }
        }
        for (int v = 0; v < kept; v++) {
            count[v + 1] += count[v];
        }
        int[] f = new int[keptArcs];
        int[] t = new int[keptArcs];
        String[] w = new String[keptArcs];
        double[] ac = new double[keptArcs];
        double[] lm = new double[keptArcs];
        double[] b = new double[keptArcs];
        double[] e = new double[keptArcs];
        for (int a = 0; a < m; a++) {
            int u = newId[from[a]];
            int v = newId[to[a]];
            if (u < 0 || v < 0) {
                continue;
            }
            int slot = count[u]++;
            f[slot] = u;
            t[slot] = v;
            String word = arcWord.get(a);
            if (word == null) {
                word = nodeWord.get(to[a]);
            }
            w[slot] = word == null ? Tokens.NULL : word;
            ac[slot] = arcAcoustic.getDouble(a);
            lm[slot] = arcLm.getDouble(a);
            double wb = arcBegin.getDouble(a);
            double we = arcEnd.getDouble(a);
            if (Double.isNaN(wb)) {
                wb = nodeWordBegin.getDouble(to[a]);
            }
            if (Double.isNaN(we)) {
                we = nodeWordEnd.getDouble(to[a]);
            }
            b[slot] = Double.isNaN(wb) ? nodeTime.getDouble(from[a]) : wb;
            e[slot] = Double.isNaN(we) ? nodeTime.getDouble(to[a]) : we;
        }
        return new Lattice(id, header, time, f, t, w, ac, lm, b, e);
    }

    private int resolve(long nodeId, int arc) {
        int v = nodeIndex.get(nodeId);
        if (v < 0) {
            throw new InputFormatException(file, arcLine.getInt(arc), "link refers to node " + nodeId + ", which is not defined");
        }
        return v;
    }

    private int terminal(long given, String what, int[] from, int[] to, boolean isStart) {
        if (given != Long.MIN_VALUE) {
            int v = nodeIndex.get(given);
            if (v < 0) {
                throw new InputFormatException(file, 0, "the " + what + " node " + given + " is not defined");
            }
            return v;
        }
        boolean[] has = new boolean[nodeIds.size()];
        for (int a = 0; a < from.length; a++) {
            has[isStart ? to[a] : from[a]] = true;
        }
        int found = -1;
        for (int v = 0; v < has.length; v++) {
            if (!has[v]) {
                if (found >= 0) {
                    throw new InputFormatException(file, nodeLine.getInt(v), "nodes " + nodeIds.getLong(found) + " and "
                            + nodeIds.getLong(v) + " both have no " + (isStart ? "incoming" : "outgoing")
                            + " link; expected one " + what + " node (or a " + what + "= header)");
                }
                found = v;
            }
        }
        if (found < 0) {
            throw new InputFormatException(file, 0, "no " + what + " node: every node has "
                    + (isStart ? "an incoming" : "an outgoing") + " link (the links form a cycle)");
        }
        return found;
    }

    /** Kahn's algorithm over the whole graph; a cycle is an error naming a node on it. */
    private int[] topologicalOrder(int n, int[] from, int[] to) {
        int m = from.length;
        int[] indeg = new int[n];
        int[] first = new int[n + 1];
        for (int a = 0; a < m; a++) {
            indeg[to[a]]++;
            first[from[a] + 1]++;
        }
        for (int v = 0; v < n; v++) {
            first[v + 1] += first[v];
        }
        int[] out = new int[m];
        int[] fill = first.clone();
        for (int a = 0; a < m; a++) {
            out[fill[from[a]]++] = a;
        }
        int[] order = new int[n];
        int head = 0;
        int tail = 0;
        for (int v = 0; v < n; v++) {
            if (indeg[v] == 0) {
                order[tail++] = v;
            }
        }
        while (head < tail) {
            int u = order[head++];
            for (int i = first[u]; i < first[u + 1]; i++) {
                int v = to[out[i]];
                if (--indeg[v] == 0) {
                    order[tail++] = v;
                }
            }
        }
        if (tail < n) {
            for (int a = 0; a < m; a++) {
                if (indeg[to[a]] > 0 && indeg[from[a]] > 0) {
                    throw new InputFormatException(file, arcLine.getInt(a), "the links form a cycle (this link, from node "
                            + nodeIds.getLong(from[a]) + " to node " + nodeIds.getLong(to[a]) + ", is on or after it)");
                }
            }
            throw new InputFormatException(file, 0, "the links form a cycle");
        }
        return order;
    }

    private boolean[] onStartEndPaths(int n, int[] from, int[] to, int start, int end) {
        boolean[] fwd = reach(n, from, to, start);
        boolean[] bwd = reach(n, to, from, end);
        if (!fwd[end]) {
            throw new InputFormatException(file, 0, "no path leads from the start node " + nodeIds.getLong(start)
                    + " to the end node " + nodeIds.getLong(end));
        }
        boolean[] keep = new boolean[n];
        for (int v = 0; v < n; v++) {
            keep[v] = fwd[v] && bwd[v];
        }
        return keep;
    }

    private static boolean[] reach(int n, int[] src, int[] dst, int root) {
        int m = src.length;
        int[] first = new int[n + 1];
        for (int a = 0; a < m; a++) {
            first[src[a] + 1]++;
        }
        for (int v = 0; v < n; v++) {
            first[v + 1] += first[v];
        }
        int[] adj = new int[m];
        int[] fill = first.clone();
        for (int a = 0; a < m; a++) {
            adj[fill[src[a]]++] = dst[a];
        }
        boolean[] seen = new boolean[n];
        int[] stack = new int[n];
        int top = 0;
        stack[top++] = root;
        seen[root] = true;
        while (top > 0) {
            int u = stack[--top];
            for (int i = first[u]; i < first[u + 1]; i++) {
                int v = adj[i];
                if (!seen[v]) {
                    seen[v] = true;
                    stack[top++] = v;
                }
            }
        }
        return seen;
    }
}
