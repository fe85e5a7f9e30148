package org.lmrescore.lattice;

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

    /** A prefix: the LM state after it and its ln P; children in small arrays (fan-out is usually 1 or 2). */
    private static final class Node {
        final LmState state;
        final double logProb;
        int[] childIds;
        Node[] children;
        int childCount;
        double endLogProb = Double.NaN;

        Node(LmState state, double logProb) {
            this.state = state;
            this.logProb = logProb;
        }

        Node child(int id, Scorer scorer) {
            for (int i = 0; i < childCount; i++) {
                if (childIds[i] == id) {
                    return children[i];
                }
            }
            if (childIds == null) {
                childIds = new int[2];
                children = new Node[2];
            } else if (childCount == childIds.length) {
                childIds = java.util.Arrays.copyOf(childIds, childCount * 2);
                children = java.util.Arrays.copyOf(children, childCount * 2);
            }
            Node c = new Node(scorer.next(state, id), logProb + scorer.logProb(state, id));
            childIds[childCount] = id;
            children[childCount++] = c;
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
