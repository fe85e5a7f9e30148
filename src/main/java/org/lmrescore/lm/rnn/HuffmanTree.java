package org.lmrescore.lm.rnn;

import java.util.PriorityQueue;

/**
 * A binary Huffman tree over the units by training frequency, the tree of hierarchical softmax
 * (word2vec, faster-rnnlm): frequent units get short codes, so a word costs about its unigram
 * entropy in binary decisions (10-11 for a 40k-word vocabulary) instead of |V| or C + |class|.
 *
 * <p>Built only from the unit counts, with ties broken by index, so the same vocabulary always
 * gives the same tree and a model file need not store it. Internal nodes are numbered 0..V-2 in
 * the order they are made; the root is the last. A unit's path lists its internal nodes from the
 * root down, and its code the branch taken at each (1 = the second child).
 */
final class HuffmanTree {
    private final int units;
    /** Path of unit u: nodes[pathStart[u] .. pathStart[u+1]), branches in codes at the same places. */
    private final int[] pathStart;
    private final int[] nodes;
    private final byte[] codes;
    /** Children of internal node n: {@code >= 0} an internal node, {@code < 0} the unit -(c + 1). */
    private final int[] first;
    private final int[] second;

    private HuffmanTree(int units, int[] pathStart, int[] nodes, byte[] codes, int[] first, int[] second) {
        this.units = units;
        this.pathStart = pathStart;
        this.nodes = nodes;
        this.codes = codes;
        this.first = first;
        this.second = second;
    }

    static HuffmanTree of(long[] counts) {
        int v = counts.length;
        if (v < 1) {
            throw new IllegalArgumentException("a Huffman tree needs at least one unit");
        }
        int inner = v - 1;
        int[] first = new int[inner];
        int[] second = new int[inner];
        // Queue entries: weight, then id (units 0..v-1, node n as v + n); the lighter and older first.
        long[] weight = new long[v + inner];
        PriorityQueue<Integer> queue = new PriorityQueue<>(Math.max(1, v), (a, b) -> {
            int c = Long.compare(weight[a], weight[b]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        for (int u = 0; u < v; u++) {
            weight[u] = Math.max(0, counts[u]);
            queue.add(u);
        }
        for (int n = 0; n < inner; n++) {
            int a = queue.poll();
            int b = queue.poll();
            first[n] = a < v ? -(a + 1) : a - v;
            second[n] = b < v ? -(b + 1) : b - v;
            weight[v + n] = weight[a] + weight[b];
            queue.add(v + n);
        }
        // Parent links, then each unit's path read from its leaf up to the root.
        int[] parent = new int[inner];
        byte[] branchIntoNode = new byte[inner];
        int[] parentOfUnit = new int[v];
        byte[] branchIntoUnit = new byte[v];
        java.util.Arrays.fill(parent, -1);
        java.util.Arrays.fill(parentOfUnit, -1);
        for (int n = 0; n < inner; n++) {
            link(first[n], n, (byte) 0, parent, branchIntoNode, parentOfUnit, branchIntoUnit);
            link(second[n], n, (byte) 1, parent, branchIntoNode, parentOfUnit, branchIntoUnit);
        }
        int[] pathStart = new int[v + 1];
        for (int u = 0; u < v; u++) {
            int depth = 0;
            for (int n = parentOfUnit[u]; n >= 0; n = parent[n]) {
                depth++;
            }
            pathStart[u + 1] = pathStart[u] + depth;
        }
        int[] nodes = new int[pathStart[v]];
        byte[] codes = new byte[pathStart[v]];
        for (int u = 0; u < v; u++) {
            int at = pathStart[u + 1] - 1;
            byte branch = branchIntoUnit[u];
            for (int n = parentOfUnit[u]; n >= 0; n = parent[n]) {
                nodes[at] = n;
                codes[at] = branch;
                branch = branchIntoNode[n];
                at--;
            }
        }
        return new HuffmanTree(v, pathStart, nodes, codes, first, second);
    }

    private static void link(int child, int n, byte branch, int[] parent, byte[] branchIntoNode,
                             int[] parentOfUnit, byte[] branchIntoUnit) {
        if (child >= 0) {
            parent[child] = n;
            branchIntoNode[child] = branch;
        } else {
            parentOfUnit[-child - 1] = n;
            branchIntoUnit[-child - 1] = branch;
        }
    }

    int units() {
        return units;
    }

    /** Internal nodes (= rows of the layer's weights): units - 1. */
    int innerNodes() {
        return first.length;
    }

    int root() {
        return first.length - 1;
    }

    int pathStart(int unit) {
        return pathStart[unit];
    }

    int pathEnd(int unit) {
        return pathStart[unit + 1];
    }

    /** The internal node at position i of a path. */
    int node(int i) {
        return nodes[i];
    }

    /** The branch (0 or 1) taken at position i of a path. */
    int code(int i) {
        return codes[i];
    }

    /** Child of internal node n on branch b: {@code >= 0} an internal node, {@code < 0} the unit -(c + 1). */
    int child(int n, int b) {
        return b == 0 ? first[n] : second[n];
    }

    /** Longest path. */
    int maxDepth() {
        int m = 0;
        for (int u = 0; u < units; u++) {
            m = Math.max(m, pathStart[u + 1] - pathStart[u]);
        }
        return m;
    }
}
