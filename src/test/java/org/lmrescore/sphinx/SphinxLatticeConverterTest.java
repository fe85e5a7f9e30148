package org.lmrescore.sphinx;

import edu.cmu.sphinx.linguist.WordSequence;
import edu.cmu.sphinx.linguist.dictionary.Pronunciation;
import edu.cmu.sphinx.linguist.dictionary.Word;
import edu.cmu.sphinx.linguist.language.ngram.LanguageModel;
import edu.cmu.sphinx.result.Node;
import edu.cmu.sphinx.util.props.PropertySheet;
import org.junit.jupiter.api.Test;
import org.lmrescore.lattice.KBestPaths;
import org.lmrescore.lattice.Lattice;
import org.lmrescore.lattice.LatticePath;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The conversion on a hand-made lattice whose expanded scores are computed by hand. */
class SphinxLatticeConverterTest {
    /** Sphinx's real log base is the float 1.0001f (1.0001000166), as its scores are. */
    private static final double LN_BASE = Math.log(1.0001f);

    /**
     * {@code <s> -> a -> c -> </s>} and {@code <s> -> b -> <sil> -> c -> </s>}: c follows two
     * histories, so it must be split into two nodes, each arc scored after its own history, and
     * the silence must be transparent to the LM.
     */
    static final class HandLattice extends edu.cmu.sphinx.result.Lattice {
        HandLattice() {
            Node s = addNode("s", new Word("<s>", new Pronunciation[0], false), 0, 0);
            Node a = addNode("a", "a", 10, 50);
            Node b = addNode("b", "b", 10, 60);
            Node sil = addNode("sil", new Word("<sil>", new Pronunciation[0], true), 61, 80);
            Node c = addNode("c", "c", 81, 120);
            Node e = addNode("e", new Word("</s>", new Pronunciation[0], false), 120, -1);
            // LM scores as a Sphinx search leaves them: the c arcs both carry the winner's (after a)
            addEdge(s, a, -100, 8 * log(0.5));
            addEdge(s, b, -120, 8 * log(0.25));
            addEdge(a, c, -200, 8 * log(0.1));
            addEdge(b, sil, -10, 0);
            addEdge(sil, c, -190, 8 * log(0.1));
            addEdge(c, e, 0, 8 * log(0.9));
            setInitialNode(s);
            setTerminalNode(e);
        }
    }

    /** A trigram LM over a, b, c given as a table of probabilities. */
    static final class TableLm implements LanguageModel {
        private final Map<String, Double> p = new HashMap<>(Map.of(
                "<s> a", 0.5, "<s> b", 0.25, "<s> a c", 0.1, "<s> b c", 0.4, "a c </s>", 0.9, "b c </s>", 0.3));

        @Override
        public float getProbability(WordSequence ws) {
            StringBuilder key = new StringBuilder();
            for (Word w : ws.getWords()) {
                key.append(key.length() > 0 ? " " : "").append(w.getSpelling());
            }
            Double prob = p.get(key.toString());
            if (prob == null) {
                throw new AssertionError("unexpected LM query: " + key);
            }
            return (float) log(prob);
        }

        @Override
        public int getMaxDepth() {
            return 3;
        }

        @Override
        public float getSmear(WordSequence ws) {
            return 0;
        }

        @Override
        public Set<String> getVocabulary() {
            return Set.of("<s>", "</s>", "a", "b", "c");
        }

        @Override
        public void allocate() {
        }

        @Override
        public void deallocate() {
        }

        @Override
        public void onUtteranceEnd() {
        }

        @Override
        public void newProperties(PropertySheet ps) {
        }
    }

    private static double log(double p) {
        return Math.log(p) / LN_BASE;
    }

    @Test
    void expandsOnHistoriesAndScoresEveryArcAfterItsOwn() {
        Lattice lattice = SphinxLatticeConverter.convert("u", new HandLattice(), new FirstPassLm(new TableLm(), 8), 1000);
        assertEquals(7, lattice.nodeCount()); // <s> a b <sil> c|a c|b </s>
        assertEquals(7, lattice.arcCount());
        assertEquals(8, lattice.header().lmScale());
        assertEquals(0, lattice.header().wordPenalty());

        List<LatticePath> paths = KBestPaths.find(lattice, 5);
        assertEquals(2, paths.size());
        double viaA = LN_BASE * -300 + 8 * (Math.log(0.5) + Math.log(0.1) + Math.log(0.9));
        double viaB = LN_BASE * -320 + 8 * (Math.log(0.25) + Math.log(0.4) + Math.log(0.3));
        assertEquals(List.of("a", "c"), paths.get(0).words());
        assertEquals(viaA, paths.get(0).score(), 1e-4);
        assertEquals(List.of("b", "c"), paths.get(1).words());
        assertEquals(viaB, paths.get(1).score(), 1e-4);
        assertEquals(List.of("b", "<sil>", "c", "</s>"), paths.get(1).tokens());
        // times: a word's arc spans its Sphinx node
        int arcC = paths.get(1).arcs()[2];
        assertEquals(0.081, lattice.begin(arcC), 1e-9);
        assertEquals(0.120, lattice.end(arcC), 1e-9);
    }

    @Test
    void withoutTheLmSphinxEdgeScoresAreKeptAsTheyAre() {
        Lattice lattice = SphinxLatticeConverter.convert("u", new HandLattice(), 8);
        assertEquals(6, lattice.nodeCount());
        assertEquals(6, lattice.arcCount());
        LatticePath best = KBestPaths.best(lattice);
        assertEquals(LN_BASE * -300 + 8 * (Math.log(0.5) + Math.log(0.1) + Math.log(0.9)), best.score(), 1e-4);
    }

    @Test
    void fallsBackToSphinxScoresWhenTheExpansionIsTooLarge() {
        Lattice lattice = SphinxLatticeConverter.convert("u", new HandLattice(), new FirstPassLm(new TableLm(), 8), 5);
        assertEquals(6, lattice.nodeCount());
        assertTrue(KBestPaths.best(lattice).score() < 0);
    }
}
