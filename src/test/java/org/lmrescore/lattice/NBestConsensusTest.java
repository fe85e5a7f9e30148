package org.lmrescore.lattice;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NBestConsensusTest {
    /** Hypotheses whose totals are ln of the given posteriors (scale 1: posteriors exactly those). */
    private static List<ScoredHypothesis> list(Object... wordsAndPosteriors) {
        List<ScoredHypothesis> out = new ArrayList<>();
        for (int i = 0; i < wordsAndPosteriors.length; i += 2) {
            String text = (String) wordsAndPosteriors[i];
            List<String> words = text.isEmpty() ? List.of() : List.of(text.split(" "));
            double total = Math.log((Double) wordsAndPosteriors[i + 1]);
            out.add(new ScoredHypothesis(Hypothesis.of(words, 0, 0), 0, words.size(), total));
        }
        return out;
    }

    private static String words(List<ConfusionNetwork.Word> ws) {
        return String.join(" ", ws.stream().map(ConfusionNetwork.Word::word).toList());
    }

    @Test
    void posteriorsAreTheScaledTotalsNormalised() {
        double[] p = NBestConsensus.posteriors(list("a", 0.2, "b", 0.6, "c", 0.2), 1);
        assertEquals(0.6, p[1], 1e-12);
        // scale 0.5: sqrt(0.2), sqrt(0.6), sqrt(0.2), normalised
        double s = 2 * Math.sqrt(0.2) + Math.sqrt(0.6);
        assertEquals(Math.sqrt(0.6) / s, NBestConsensus.posteriors(list("a", 0.2, "b", 0.6, "c", 0.2), 0.5)[1], 1e-12);
    }

    /** The case where the Viterbi best and the consensus differ: "a b c" 0.4 against "a x c" 0.35 and "a x d" 0.25. */
    @Test
    void consensusTakesTheMostProbableWordOfEachSlot() {
        List<ConfusionNetwork.Word> c = NBestConsensus.decode(list("a b c", 0.4, "a x c", 0.35, "a x d", 0.25), 1);
        assertEquals("a x c", words(c));
        assertEquals(1.0, c.get(0).posterior(), 1e-12);
        assertEquals(0.6, c.get(1).posterior(), 1e-12);
        assertEquals(0.75, c.get(2).posterior(), 1e-12);
    }

    /** Words between the pivot's words, and pivot words most hypotheses lack, are weighed against the empty word. */
    @Test
    void insertionsAndDeletionsAreWeighedAgainstTheEmptyWord() {
        assertEquals("a c", words(NBestConsensus.decode(list("a c", 0.5, "a b c", 0.3, "a b c", 0.2), 1)));  // tie: pivot's
        assertEquals("a b c", words(NBestConsensus.decode(list("a c", 0.45, "a b c", 0.35, "a b c", 0.2), 1)));
        assertEquals("a", words(NBestConsensus.decode(list("a z", 0.4, "a", 0.35, "a", 0.25), 1)));
        assertEquals("", words(NBestConsensus.decode(list("q", 0.4, "", 0.6), 1)));
        assertEquals("", words(NBestConsensus.decode(List.of(), 1)));
        assertThrows(IllegalArgumentException.class, () -> NBestConsensus.decode(list("a", 1.0), 0));
    }
}
