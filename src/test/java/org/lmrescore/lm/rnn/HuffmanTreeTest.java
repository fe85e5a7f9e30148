package org.lmrescore.lm.rnn;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HuffmanTreeTest {

    private static String code(HuffmanTree t, int unit) {
        StringBuilder s = new StringBuilder();
        for (int i = t.pathStart(unit); i < t.pathEnd(unit); i++) {
            s.append(t.code(i));
        }
        return s.toString();
    }

    /**
     * Counts 5, 2, 1, 1 by hand: merge the two 1s (units 2, 3) into node 0 (weight 2), then
     * unit 1 (2, the older of the two 2s) with node 0 into node 1 (4), then node 1 with unit 0
     * into the root, node 2: unit 0 is one decision deep, units 2 and 3 three.
     */
    @Test
    void handBuiltTree() {
        HuffmanTree t = HuffmanTree.of(new long[] {5, 2, 1, 1});
        assertEquals(3, t.innerNodes());
        assertEquals(2, t.root());
        assertEquals("1", code(t, 0));
        assertEquals("00", code(t, 1));
        assertEquals("010", code(t, 2));
        assertEquals("011", code(t, 3));
        assertEquals(2, t.node(t.pathStart(3)), "every path starts at the root");
        assertEquals(0, t.node(t.pathEnd(3) - 1));
        assertEquals(3, t.maxDepth());
    }

    /** A prefix code whose average length is within one bit of the unigram entropy (Huffman's bound). */
    @Test
    void zipfTreeIsAPrefixCodeNearTheEntropy() {
        int v = 5000;
        long[] counts = new long[v];
        double total = 0;
        for (int u = 0; u < v; u++) {
            counts[u] = Math.max(1, Math.round(1e6 / (u + 1)));
            total += counts[u];
        }
        HuffmanTree t = HuffmanTree.of(counts);
        Set<String> codes = new HashSet<>();
        double length = 0;
        double entropy = 0;
        for (int u = 0; u < v; u++) {
            String c = code(t, u);
            assertTrue(codes.add(c), "codes are distinct");
            length += counts[u] / total * c.length();
            entropy -= counts[u] / total * Math.log(counts[u] / total) / Math.log(2);
        }
        for (String c : codes) {
            for (int k = 1; k < c.length(); k++) {
                assertTrue(!codes.contains(c.substring(0, k)), "no code is a prefix of another");
            }
        }
        assertTrue(length >= entropy && length < entropy + 1, length + " bits against entropy " + entropy);
        // walking the children by a code leads to its unit
        for (int u : new int[] {0, 17, 4999}) {
            int node = t.root();
            int child = 0;
            for (int i = t.pathStart(u); i < t.pathEnd(u); i++) {
                child = t.child(node, t.code(i));
                node = child;
            }
            assertEquals(u, -child - 1);
        }
    }

    @Test
    void oneUnitHasNoDecisions() {
        HuffmanTree t = HuffmanTree.of(new long[] {3});
        assertEquals(0, t.innerNodes());
        assertEquals(0, t.pathEnd(0) - t.pathStart(0));
    }
}
