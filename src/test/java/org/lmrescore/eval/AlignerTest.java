package org.lmrescore.eval;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Alignments worked out by hand with sclite's costs (C 0, I 3, D 3, S 4) and its tie rule. */
class AlignerTest {
    private static List<String> w(String s) {
        return s.isEmpty() ? List.of() : Arrays.asList(s.split(" "));
    }

    private static Alignment sclite(String ref, String hyp) {
        return Aligner.SCLITE.align(w(ref), w(hyp));
    }

    @Test
    void identicalSentencesAreAllCorrect() {
        Alignment a = sclite("the cat sat", "the cat sat");
        assertEquals("CCC", a.letters());
        assertEquals(0, a.errors());
        assertEquals(3, a.refLength());
    }

    @Test
    void oneWrongWordIsOneSubstitutionBecauseFourIsLessThanThreePlusThree() {
        Alignment a = sclite("a", "b");
        assertEquals("S", a.letters());
    }

    @Test
    void shiftedWordIsDeletionPlusInsertionWhereUnitCostsGiveTwoSubstitutions() {
        // ref "a b", hyp "b c": S S costs 8, D(a) C(b) I(c) costs 6, so sclite's costs pick D C I.
        // With unit costs both cost 2, and the diagonal-first tie rule keeps S S.
        assertEquals("DCI", sclite("a b", "b c").letters());
        assertEquals("SS", Aligner.LEVENSHTEIN.align(w("a b"), w("b c")).letters());
        Alignment a = sclite("a b", "b c");
        assertEquals(1, a.del());
        assertEquals(1, a.ins());
        assertEquals(0, a.sub());
        assertEquals(1, a.corr());
    }

    @Test
    void equalCostTieBetweenSubstitutionPositionsTakesTheLateDiagonal() {
        // ref "a b", hyp "c": S(a>c) D(b) and D(a) S(b>c) both cost 7. Filling cell (b, c), sclite
        // compares diagonal 3+4 = 7 with deletion 4+3 = 7 and keeps the diagonal, so: D then S.
        Alignment a = sclite("a b", "c");
        assertEquals("DS", a.letters());
        assertEquals("a", a.refWord(0));
        assertNull(a.hypWord(0));
        assertEquals("c", a.hypWord(1));
    }

    @Test
    void fourSubstitutionsTieWithTwoDeletionsTwoInsertionsAndSclitePrefersSubstitutions() {
        // ref "a b c d e", hyp "x y a z e": S S S S C costs 16 (4 errors); I I C S D D C also costs
        // 16 (5 errors). sclite's diagonal-first rule gives the substitutions; an aligner that prefers
        // deletions and insertions on ties would report one more error.
        Alignment a = sclite("a b c d e", "x y a z e");
        assertEquals("SSSSC", a.letters());
        assertEquals(4, a.errors());
    }

    @Test
    void insertionInTheMiddle() {
        Alignment a = sclite("a b c", "a x b c");
        assertEquals("CICC", a.letters());
        assertNull(a.refWord(1));
        assertEquals("x", a.hypWord(1));
    }

    @Test
    void emptyHypothesisDeletesEverythingAndEmptyReferenceInsertsEverything() {
        assertEquals("DDD", sclite("a b c", "").letters());
        assertEquals("II", sclite("", "a b").letters());
        assertEquals("", sclite("", "").letters());
    }

    @Test
    void repeatedWordInsertionGoesBeforeTheLastMatch() {
        // ref: i can see that knife now / hyp: can see the knife now now
        // D(i) C C S(that>the) C, then one "now" is inserted: cost 3 + 4 + 3 = 10 either way.
        // At the last cell the diagonal (knife|now vs now: 10) ties with the insertion (7 + 3 = 10)
        // and wins, so the final "now" is the correct one and the first "now" is the insertion.
        Alignment a = sclite("i can see that knife now", "can see the knife now now");
        assertEquals("DCCSCIC", a.letters());
        assertEquals(6, a.refLength());
        assertEquals(3, a.errors());
    }
}
