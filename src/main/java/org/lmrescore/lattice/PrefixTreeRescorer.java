package org.lmrescore.lattice;

import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import org.lmrescore.lm.LmState;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Rescores an N-best list through a prefix tree of LM states: hypotheses that begin with the
 * same words share the states and probabilities of that prefix, so each distinct prefix is
 * scored once (a 1000-best list of one utterance mostly differs in a few places). The LM score
 * of each hypothesis is exactly the one it gets alone ({@link Scorer#sentenceLogProb}).
 */
public final class PrefixTreeRescorer {
    private PrefixTreeRescorer() {
    }

    /** The hypotheses of {@code list} rescored, in the list's order. */
    public static List<ScoredHypothesis> rescore(NBestList list, Scorer scorer) {
        Node root = new Node(scorer.start(), 0);
        List<ScoredHypothesis> out = new ArrayList<>(list.hypotheses().size());
        for (Hypothesis hyp : list.hypotheses()) {
            Node node = root;
            for (String token : hyp.tokens()) {
                int id = scorer.lmToken(token);
                if (id != Scorer.SKIP) {
                    node = node.child(id, scorer);
                }
            }
            out.add(scored(hyp, node.logProb + node.end(scorer), scorer));
        }
        return out;
    }

    /** The same scores with every hypothesis read alone (no sharing): the baseline the tree is measured against. */
    public static List<ScoredHypothesis> rescoreEachAlone(NBestList list, Scorer scorer) {
        List<ScoredHypothesis> out = new ArrayList<>(list.hypotheses().size());
        for (Hypothesis hyp : list.hypotheses()) {
            out.add(scored(hyp, scorer.sentenceLogProb(hyp.tokens()), scorer));
        }
        return out;
    }

    /** Best total first (stable for ties). */
    public static List<ScoredHypothesis> sortedByTotal(List<ScoredHypothesis> scored) {
        List<ScoredHypothesis> sorted = new ArrayList<>(scored);
        sorted.sort(Comparator.comparingDouble(ScoredHypothesis::total).reversed());
        return sorted;
    }

    private static ScoredHypothesis scored(Hypothesis hyp, double lmLogProb, Scorer scorer) {
        int words = scorer.wordCount(hyp.tokens());
        return new ScoredHypothesis(hyp, lmLogProb, words,
                scorer.weights().total(hyp.acoustic(), lmLogProb, words, hyp.firstPassLm()));
    }

    /** A prefix: the LM state after it and its ln P. */
    private static final class Node {
        final LmState state;
        final double logProb;
        Int2ObjectOpenHashMap<Node> children;
        double endLogProb = Double.NaN;

        Node(LmState state, double logProb) {
            this.state = state;
            this.logProb = logProb;
        }

        Node child(int id, Scorer scorer) {
            if (children == null) {
                children = new Int2ObjectOpenHashMap<>(4);
            }
            Node c = children.get(id);
            if (c == null) {
                c = new Node(scorer.next(state, id), logProb + scorer.logProb(state, id));
                children.put(id, c);
            }
            return c;
        }

        double end(Scorer scorer) {
            if (Double.isNaN(endLogProb)) {
                endLogProb = scorer.endLogProb(state);
            }
            return endLogProb;
        }
    }
}
