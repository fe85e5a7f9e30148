package org.lmrescore.sphinx;

import edu.cmu.sphinx.linguist.dictionary.Word;
import edu.cmu.sphinx.result.Edge;
import edu.cmu.sphinx.result.Node;
import edu.cmu.sphinx.util.LogMath;
import org.lmrescore.lattice.Lattice;
import org.lmrescore.lattice.LatticeBuilder;
import org.lmrescore.lattice.LatticeHeader;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns a Sphinx4 word lattice ({@code edu.cmu.sphinx.result.Lattice}, words on nodes, scores in
 * log base 1.0001) into this project's {@link Lattice} (words on arcs, natural logs).
 *
 * <p>Acoustic scores are Sphinx's edge scores, which include the insertion penalties its search
 * added (word, silence and filler insertion probabilities); the header's word penalty is
 * therefore 0 and its LM scale is the language weight.
 *
 * <p>LM scores: a Sphinx edge carries the LM score of its word after the history of whichever
 * predecessor won in the search, so on many edges it is not the probability after the edge's own
 * predecessor. Given the {@link FirstPassLm}, the lattice is expanded so that every node has one
 * history of the last n-1 words (fillers are transparent, as in Sphinx's search) and every arc gets
 * language weight x ln P(word | its own history) from that LM, {@code </s>} included on the arcs
 * into the end node: path scores are then exactly what the first pass would give the path. Without
 * it (or when the expansion would exceed {@code maxNodes}) Sphinx's edge scores are kept as they are.
 */
public final class SphinxLatticeConverter {
    /** Header format name of converted lattices. */
    public static final String FORMAT = "sphinx4";

    private SphinxLatticeConverter() {
    }

    /**
     * Sphinx's scores are logs to its float base 1.0001f, which is 1.0001000166: converting with
     * exactly 1.0001 would scale every score by 1.7e-4 relative (4e-3 on a sentence's LM score).
     */
    static double toLn(double sphinxLog) {
        return sphinxLog * Math.log(LogMath.getLogMath().getLogBase());
    }

    /** Honest LM scores from the first-pass LM, on a lattice expanded to n-gram histories (up to {@code maxNodes} nodes). */
    public static Lattice convert(String id, edu.cmu.sphinx.result.Lattice sphinx, FirstPassLm lm, int maxNodes) {
        Lattice expanded = expand(id, sphinx, lm, maxNodes);
        return expanded != null ? expanded : convert(id, sphinx, lm.languageWeight());
    }

    /** Sphinx's own edge scores, unexpanded ({@code languageWeight} is the one the search used). */
    public static Lattice convert(String id, edu.cmu.sphinx.result.Lattice sphinx, double languageWeight) {
        LatticeBuilder b = new LatticeBuilder(Path.of(id));
        Map<Node, Long> ids = new HashMap<>();
        for (Node n : sphinx.getNodes()) {
            long v = ids.size();
            ids.put(n, v);
            addNode(b, v, n, sphinx);
        }
        for (Edge e : sphinx.getEdges()) {
            b.arc(ids.get(e.getFromNode()), ids.get(e.getToNode()), e.getToNode().getWord().getSpelling(),
                    toLn(e.getAcousticScore()), toLn(e.getLMScore()), 0);
        }
        b.start(ids.get(sphinx.getInitialNode()));
        b.end(ids.get(sphinx.getTerminalNode()));
        return b.build(id, new LatticeHeader(FORMAT, languageWeight, 0));
    }

    /** A Sphinx node under one LM history. */
    private record State(Node node, List<Word> history) {
    }

    private static Lattice expand(String id, edu.cmu.sphinx.result.Lattice sphinx, FirstPassLm lm, int maxNodes) {
        int keep = Math.max(0, lm.order() - 1);
        LatticeBuilder b = new LatticeBuilder(Path.of(id));
        Map<State, Long> ids = new HashMap<>();
        ArrayDeque<State> queue = new ArrayDeque<>();
        Node initial = sphinx.getInitialNode();
        Node terminal = sphinx.getTerminalNode();
        State start = new State(initial, trim(List.of(initial.getWord()), keep));
        ids.put(start, 0L);
        addNode(b, 0, initial, sphinx);
        queue.add(start);
        Map<List<Word>, Map<Word, Double>> cache = new HashMap<>();
        while (!queue.isEmpty()) {
            State s = queue.poll();
            long from = ids.get(s);
            for (Edge e : s.node().getLeavingEdges()) {
                Node next = e.getToNode();
                Word word = next.getWord();
                double lnP;
                List<Word> history;
                if (next == terminal || word.isSentenceEndWord()) {
                    lnP = lnProb(lm, cache, s.history(), word);
                    history = List.of();
                } else if (word.isFiller()) {
                    lnP = 0; // silence and noise leave the LM history alone and cost only their insertion penalty
                    history = s.history();
                } else {
                    lnP = lnProb(lm, cache, s.history(), word);
                    history = append(s.history(), word, keep);
                }
                State t = new State(next, history);
                Long to = ids.get(t);
                if (to == null) {
                    if (ids.size() >= maxNodes) {
                        return null;
                    }
                    to = (long) ids.size();
                    ids.put(t, to);
                    addNode(b, to, next, sphinx);
                    queue.add(t);
                }
                b.arc(from, to, word.getSpelling(), toLn(e.getAcousticScore()),
                        lm.languageWeight() * lnP, 0);
            }
        }
        b.start(0);
        // every copy of the terminal node has the empty history: there is exactly one
        b.end(Objects.requireNonNull(ids.get(new State(terminal, List.of())), "the lattice's end node is unreachable"));
        return b.build(id, new LatticeHeader(FORMAT, lm.languageWeight(), 0));
    }

    private static double lnProb(FirstPassLm lm, Map<List<Word>, Map<Word, Double>> cache, List<Word> history, Word word) {
        return cache.computeIfAbsent(history, h -> new HashMap<>()).computeIfAbsent(word, w -> lm.lnProb(history, w));
    }

    private static List<Word> append(List<Word> history, Word word, int keep) {
        List<Word> out = new ArrayList<>(history.size() + 1);
        out.addAll(history);
        out.add(word);
        return trim(out, keep);
    }

    private static List<Word> trim(List<Word> words, int keep) {
        return List.copyOf(words.size() <= keep ? words : words.subList(words.size() - keep, words.size()));
    }

    /** Node time = end of the node's word (begin for the end node, whose end Sphinx leaves at -1). */
    private static void addNode(LatticeBuilder b, long id, Node n, edu.cmu.sphinx.result.Lattice sphinx) {
        double begin = n.getBeginTime() / 1000.0;
        double end = n.getEndTime() < 0 ? begin : n.getEndTime() / 1000.0;
        b.node(id, null, end, begin, end, 0);
    }
}
