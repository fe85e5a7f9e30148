package org.lmrescore.rescore;

import org.lmrescore.lattice.Hypothesis;
import org.lmrescore.lattice.NBestList;
import org.lmrescore.lattice.ScoredHypothesis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Rescores an N-best list through a {@link PrefixTree} of LM states: each distinct prefix is
 * scored once, a level at a time. The LM score of each hypothesis is exactly the one it gets
 * alone ({@link Scorer#sentenceLogProb}).
 */
public final class PrefixTreeRescorer {
    private PrefixTreeRescorer() {
    }

    /** The hypotheses of {@code list} rescored, in the list's order. */
    public static List<ScoredHypothesis> rescore(NBestList list, Scorer scorer) {
        PrefixTree tree = new PrefixTree();
        for (Hypothesis hyp : list.hypotheses()) {
            tree.add(scorer.lmIds(hyp.tokens()));
        }
        tree.score(scorer);
        List<ScoredHypothesis> out = new ArrayList<>(list.hypotheses().size());
        for (int h = 0; h < list.hypotheses().size(); h++) {
            out.add(scored(list.hypotheses().get(h), tree.total(h), scorer));
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
}
