package org.lmrescore.rescore;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmrescore.lattice.Fixtures;
import org.lmrescore.lattice.Hypothesis;
import org.lmrescore.lattice.KBestPaths;
import org.lmrescore.lattice.Lattice;
import org.lmrescore.lattice.LatticePath;
import org.lmrescore.lattice.NBestList;
import org.lmrescore.lattice.RescoredLattice;
import org.lmrescore.lattice.ScoreWeights;
import org.lmrescore.lattice.ScoredHypothesis;
import org.lmrescore.lattice.SlfReader;
import org.lmrescore.lm.BigramTestModel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same path gets the same LM score and total whichever way it is rescored: alone, in the
 * N-best prefix tree, or in the expanded lattice.
 */
class RescoringConsistencyTest {
    @TempDir
    Path dir;

    /** "&lt;s&gt; the" 0.5, "the cat" 0.25, "cat &lt;/s&gt;" 0.5; everything else 0.01. */
    private final BigramTestModel bigram = new BigramTestModel(0.01,
            "<s> the", 0.5, "the cat", 0.25, "cat </s>", 0.5, "<s> a", 0.2, "a cat", 0.3, "the hat", 0.05, "hat </s>", 0.4);

    @Test
    void bigramTotalsAreHandComputableAndAgreeEverywhere() {
        Lattice l = SlfReader.read(Fixtures.write(dir, "tiny.slf", Fixtures.TINY));
        Scorer scorer = new Scorer(bigram, ScoreWeights.of(10, 0.5));
        // the cat: acoustic -30, ln P = ln(.5 * .25 * .5), 2 words
        double theCat = -30 + 10 * Math.log(0.5 * 0.25 * 0.5) + 0.5 * 2;
        assertEquals(Math.log(0.5 * 0.25 * 0.5), bigram.expected("the", "cat"), 1e-12);

        RescoredLattice r = new LatticeRescorer(scorer, 2, Double.POSITIVE_INFINITY, 1000).rescore(l);
        Map<List<String>, ScoredHypothesis> fromLattice = byWords(r.nbest(10));
        assertEquals(3, fromLattice.size());
        assertEquals(theCat, fromLattice.get(List.of("the", "cat")).total(), 1e-9);
        assertEquals(List.of("the", "cat"), r.best().words());
        assertEquals(theCat, r.best().score(), 1e-9);

        NBestList list = nbestOf(l);
        Map<List<String>, ScoredHypothesis> tree = byWords(PrefixTreeRescorer.rescore(list, scorer));
        Map<List<String>, ScoredHypothesis> alone = byWords(PrefixTreeRescorer.rescoreEachAlone(list, scorer));
        for (List<String> words : fromLattice.keySet()) {
            double expected = bigram.expected(words.toArray(new String[0]));
            assertEquals(expected, alone.get(words).lmLogProb(), 1e-12, words.toString());
            assertEquals(expected, tree.get(words).lmLogProb(), 1e-12, words.toString());
            assertEquals(expected, fromLattice.get(words).lmLogProb(), 1e-12, words.toString());
            assertEquals(tree.get(words).total(), fromLattice.get(words).total(), 1e-9, words.toString());
        }
    }

    @Test
    void firstPassScoreJoinsLogLinearly() {
        Lattice l = SlfReader.read(Fixtures.write(dir, "tiny.slf", Fixtures.TINY));
        Scorer scorer = new Scorer(bigram, ScoreWeights.of(10, 0.5).withFirstPassWeight(0.5));
        RescoredLattice r = new LatticeRescorer(scorer, 3, Double.POSITIVE_INFINITY, 1000).rescore(l);
        // "the cat": first-pass weighted LM 2 x (-1 - 2) = -6
        double expected = -30 + 10 * bigram.expected("the", "cat") + 0.5 * 2 + 0.5 * -6;
        assertEquals(expected, byWords(r.nbest(5)).get(List.of("the", "cat")).total(), 1e-9);
        assertEquals(expected, byWords(PrefixTreeRescorer.rescore(nbestOf(l), scorer)).get(List.of("the", "cat")).total(), 1e-9);
    }

    @Test
    void fullHistoryModelAgreesWhenTheHistoryIsExact() {
        // a lattice with shared suffixes, fillers and boundaries: histories differ only far back
        String slf = """
                N=8 L=11
                I=0
                I=1
                I=2
                I=3
                I=4
                I=5
                I=6
                I=7
                J=0 S=0 E=1 W=<s> a=-1
                J=1 S=1 E=2 W=a a=-3
                J=2 S=1 E=2 W=the a=-2
                J=3 S=2 E=3 W=<sil> a=-1
                J=4 S=2 E=3 W=big a=-4
                J=5 S=3 E=4 W=cat a=-5
                J=6 S=3 E=4 W=hat a=-6
                J=7 S=4 E=5 W=sat a=-2
                J=8 S=4 E=6 W=[noise] a=-2
                J=9 S=5 E=6 W=down a=-1
                J=10 S=6 E=7 W=</s> a=0
                """;
        Lattice l = SlfReader.read(Fixtures.write(dir, "deep.slf", slf));
        FullHistoryTestModel model = new FullHistoryTestModel(
                List.of("<s>", "</s>", "a", "the", "big", "cat", "hat", "sat", "down"));
        Scorer scorer = new Scorer(model, ScoreWeights.of(3, -0.5));
        RescoredLattice exact = new LatticeRescorer(scorer, 100, Double.POSITIVE_INFINITY, 1000).rescore(l);
        List<ScoredHypothesis> fromLattice = exact.nbest(100);
        assertEquals(2 * 2 * 2 * 2, fromLattice.size());
        NBestList list = nbestOf(l);
        Map<List<String>, ScoredHypothesis> tree = byWords(PrefixTreeRescorer.rescore(list, scorer));
        Map<List<String>, ScoredHypothesis> alone = byWords(PrefixTreeRescorer.rescoreEachAlone(list, scorer));
        for (ScoredHypothesis s : fromLattice) {
            List<String> words = s.hypothesis().words();
            double direct = model.sentenceLogProb(words.stream().mapToInt(w -> model.vocabulary().id(w)).toArray());
            assertEquals(direct, s.lmLogProb(), 1e-12, words.toString());
            assertEquals(direct, tree.get(words).lmLogProb(), 1e-12, words.toString());
            assertEquals(direct, alone.get(words).lmLogProb(), 1e-12, words.toString());
            assertEquals(tree.get(words).total(), s.total(), 1e-9, words.toString());
        }
        // the best path of the expansion is the N-best winner
        ScoredHypothesis winner = PrefixTreeRescorer.sortedByTotal(new ArrayList<>(tree.values())).get(0);
        assertEquals(winner.hypothesis().words(), exact.best().words());
        assertEquals(winner.total(), exact.best().score(), 1e-9);

        // a short history merges paths: fewer copies, and the prefix tree shares work
        RescoredLattice approx = new LatticeRescorer(scorer, 2, Double.POSITIVE_INFINITY, 1000).rescore(l);
        assertTrue(approx.lattice().nodeCount() < exact.lattice().nodeCount());
        Scorer counting = new Scorer(model, ScoreWeights.of(3, -0.5));
        PrefixTreeRescorer.rescore(list, counting);
        long shared = counting.lmCalls();
        Scorer counting2 = new Scorer(model, ScoreWeights.of(3, -0.5));
        PrefixTreeRescorer.rescoreEachAlone(list, counting2);
        assertTrue(shared < counting2.lmCalls(), shared + " vs " + counting2.lmCalls());
    }

    @Test
    void fillersAreSkippedByDefaultAndScoredOnRequest() {
        BigramTestModel withSil = new BigramTestModel(0.1, "<s> <sil>", 0.5, "<sil> yes", 0.5, "<s> yes", 0.25);
        List<String> tokens = List.of("<sil>", "yes");
        Scorer skip = new Scorer(withSil, ScoreWeights.of(1, 0));
        assertEquals(Math.log(0.25) + Math.log(0.1), skip.sentenceLogProb(tokens), 1e-12);
        assertEquals(1, skip.wordCount(tokens));
        Scorer score = new Scorer(withSil, ScoreWeights.of(1, 0).withScoreFillers(true));
        assertEquals(Math.log(0.5) + Math.log(0.5) + Math.log(0.1), score.sentenceLogProb(tokens), 1e-12);
        assertEquals(2, score.wordCount(tokens));
    }

    @Test
    void oovWordsAreChargedTheConfiguredLogProb() {
        Scorer scorer = new Scorer(bigram, ScoreWeights.of(1, 0).withOovLogProb(-20));
        double lp = scorer.sentenceLogProb(List.of("the", "zebra"));
        assertEquals(Math.log(0.5) - 20 + Math.log(0.01), lp, 1e-12);
        assertEquals(1, scorer.oovCount());
    }

    static NBestList nbestOf(Lattice l) {
        List<Hypothesis> hyps = new ArrayList<>();
        for (LatticePath p : KBestPaths.distinctWords(l, 1000)) {
            hyps.add(p.toHypothesis());
        }
        return new NBestList(l.id(), hyps);
    }

    static Map<List<String>, ScoredHypothesis> byWords(List<ScoredHypothesis> list) {
        Map<List<String>, ScoredHypothesis> m = new HashMap<>();
        for (ScoredHypothesis s : list) {
            m.putIfAbsent(s.hypothesis().words(), s);
        }
        return m;
    }
}
