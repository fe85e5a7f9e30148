package org.lmrescore.lattice;

/**
 * A word lattice: an acyclic graph from one start node to one end node whose arcs carry a token
 * (word, filler or boundary, see {@link Tokens}), an acoustic score and the first-pass LM score.
 *
 * <p>Nodes are numbered in topological order: node 0 is the start, node {@code nodeCount()-1}
 * the end, and every arc goes from a lower to a higher number, so one forward loop over nodes is
 * a valid order for any dynamic programme. Arcs are grouped by their start node.
 *
 * <p>Scores are natural logs. {@link #acoustic(int)} includes what the decoder added to it
 * (insertion penalties, pronunciation scores); {@link #lmScore(int)} is the LM score as the
 * lattice's maker weighted it (language weight x ln P: the first-pass decoder's for a lattice
 * read from a file, the rescorer's for a rescored one), so that {@link #weight(int)}, acoustic +
 * LM score + the header's word penalty for a word, is the maker's own path score. Times are
 * seconds, NaN when the file has none. Built by {@link LatticeBuilder}; immutable.
 */
public final class Lattice {
    private final String id;
    private final LatticeHeader header;
    private final double[] nodeTime;
    private final int[] from;
    private final int[] to;
    private final String[] word;
    private final double[] acoustic;
    private final double[] lmScore;
    private final double[] begin;
    private final double[] end;
    private final int[] firstOut;
    private final int[] inArcs;
    private final int[] firstIn;

    /**
     * A lattice from its arrays (a rescorer's expansion; readers go through {@link LatticeBuilder}):
     * arcs sorted by start node, every arc from a lower to a higher node number, node 0 the start
     * and the last node the end. The arrays are kept, not copied.
     */
    public Lattice(String id, LatticeHeader header, double[] nodeTime, int[] from, int[] to, String[] word,
            double[] acoustic, double[] lmScore, double[] begin, double[] end) {
        this.id = id;
        this.header = header;
        this.nodeTime = nodeTime;
        this.from = from;
        this.to = to;
        this.word = word;
        this.acoustic = acoustic;
        this.lmScore = lmScore;
        this.begin = begin;
        this.end = end;
        int n = nodeTime.length;
        this.firstOut = new int[n + 1];
        this.firstIn = new int[n + 1];
        for (int a = 0; a < from.length; a++) {
            if (a > 0 && from[a] < from[a - 1]) {
                throw new IllegalArgumentException("arcs must be sorted by start node");
            }
            if (from[a] >= to[a]) {
                throw new IllegalArgumentException("arcs must follow the topological numbering");
            }
            firstOut[from[a] + 1]++;
            firstIn[to[a] + 1]++;
        }
        for (int v = 0; v < n; v++) {
            firstOut[v + 1] += firstOut[v];
            firstIn[v + 1] += firstIn[v];
        }
        this.inArcs = new int[from.length];
        int[] fill = firstIn.clone();
        for (int a = 0; a < from.length; a++) {
            inArcs[fill[to[a]]++] = a;
        }
    }

    /** The utterance id (from the file name or header). */
    public String id() {
        return id;
    }

    public LatticeHeader header() {
        return header;
    }

    public int nodeCount() {
        return nodeTime.length;
    }

    public int arcCount() {
        return from.length;
    }

    public int startNode() {
        return 0;
    }

    public int endNode() {
        return nodeTime.length - 1;
    }

    /** The node's time in seconds (the end of the words entering it), NaN when unknown. */
    public double nodeTime(int node) {
        return nodeTime[node];
    }

    public int from(int arc) {
        return from[arc];
    }

    public int to(int arc) {
        return to[arc];
    }

    public String word(int arc) {
        return word[arc];
    }

    public double acoustic(int arc) {
        return acoustic[arc];
    }

    public double lmScore(int arc) {
        return lmScore[arc];
    }

    /** The arc's share of its maker's path score: acoustic + LM score + word penalty (words only). */
    public double weight(int arc) {
        double penalty = header.wordPenalty();
        return acoustic[arc] + lmScore[arc]
                + (!Double.isNaN(penalty) && penalty != 0 && Tokens.isWord(word[arc]) ? penalty : 0);
    }

    /** Start time of the arc's word in seconds, NaN when unknown. */
    public double begin(int arc) {
        return begin[arc];
    }

    /** End time of the arc's word in seconds, NaN when unknown. */
    public double end(int arc) {
        return end[arc];
    }

    /** First arc leaving {@code node}; the arcs are {@code firstOut(node)} to {@code firstOut(node + 1) - 1}. */
    public int firstOut(int node) {
        return firstOut[node];
    }

    /** Number of arcs entering {@code node}. */
    public int inDegree(int node) {
        return firstIn[node + 1] - firstIn[node];
    }

    /** The {@code i}-th arc entering {@code node}. */
    public int inArc(int node, int i) {
        return inArcs[firstIn[node] + i];
    }
}
