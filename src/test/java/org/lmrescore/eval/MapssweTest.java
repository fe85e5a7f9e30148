package org.lmrescore.eval;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MapssweTest {
    private static List<String> w(String s) {
        return Arrays.asList(s.split(" "));
    }

    @Test
    void statisticMatchesTheTextbookFormulaOnAHandCase() {
        // Z_i = A - B: 2, 0, 2, -1, 2. Mean 1; squared deviations 1+1+1+4+1 = 8, variance 8/4 = 2;
        // W = 1 / sqrt(2/5) = sqrt(2.5) = 1.5811388; p = 2 (1 - Phi(1.5811388)) = erfc(W / sqrt 2) = 0.1138463.
        List<Mapsswe.Segment> segments = List.of(
                new Mapsswe.Segment(2, 0), new Mapsswe.Segment(1, 1), new Mapsswe.Segment(3, 1),
                new Mapsswe.Segment(0, 1), new Mapsswe.Segment(2, 0));
        Mapsswe.Result r = Mapsswe.test(segments, Mapsswe.Segmentation.RUNS);
        assertEquals(5, r.segments());
        assertEquals(8, r.errorsA());
        assertEquals(3, r.errorsB());
        assertEquals(1.0, r.meanDifference(), 1e-12);
        assertEquals(Math.sqrt(2), r.stdDev(), 1e-12);
        assertEquals(1.5811388300841898, r.z(), 1e-9);
        assertEquals(0.1138463, r.pValue(), 1e-6);
        assertFalse(r.significant(0.05));
    }

    @Test
    void constantNonZeroDifferencesAreSignificantAndZeroDifferencesAreNot() {
        List<Mapsswe.Segment> allOne = List.of(new Mapsswe.Segment(1, 0), new Mapsswe.Segment(2, 1), new Mapsswe.Segment(1, 0));
        Mapsswe.Result r = Mapsswe.test(allOne, Mapsswe.Segmentation.RUNS);
        assertEquals(Double.POSITIVE_INFINITY, r.z());
        assertEquals(0.0, r.pValue());
        List<Mapsswe.Segment> ties = List.of(new Mapsswe.Segment(1, 1), new Mapsswe.Segment(2, 2));
        assertEquals(1.0, Mapsswe.test(ties, Mapsswe.Segmentation.RUNS).pValue());
        assertTrue(Double.isNaN(Mapsswe.test(List.of(new Mapsswe.Segment(1, 0)), Mapsswe.Segmentation.RUNS).pValue()));
    }

    @Test
    void segmentsAreSplitByTwoWordsCorrectInBothSystems() {
        // ref: a b c d e f g h
        // A:   a X c d e f Y h     errors at b and g
        // B:   a b c d e Z g h     error at f
        // c d e (three words right in both) separate b from f; f and g are adjacent: segments (1,0), (1,1).
        Alignment a = Aligner.SCLITE.align(w("a b c d e f g h"), w("a x c d e f y h"));
        Alignment b = Aligner.SCLITE.align(w("a b c d e f g h"), w("a b c d e z g h"));
        assertEquals(List.of(new Mapsswe.Segment(1, 0), new Mapsswe.Segment(1, 1)), Mapsswe.segments(a, b, 2));
    }

    @Test
    void anInsertionIsAnErrorThatBreaksTheRunOfCorrectWords() {
        // B inserts q between d and e: c d (2 good) close the first segment before the insertion;
        // after it only e is good before the error at f, so q, f and g share one segment:
        // A errors: g -> 1; B errors: q, f -> 2.
        Alignment a = Aligner.SCLITE.align(w("a b c d e f g h"), w("a x c d e f y h"));
        Alignment b = Aligner.SCLITE.align(w("a b c d e f g h"), w("a b c d q e z g h"));
        assertEquals(List.of(new Mapsswe.Segment(1, 0), new Mapsswe.Segment(1, 2)), Mapsswe.segments(a, b, 2));
    }

    @Test
    void oneCorrectWordIsNotEnoughToSeparateSegments() {
        Alignment a = Aligner.SCLITE.align(w("a b c d"), w("x b y d"));
        Alignment b = Aligner.SCLITE.align(w("a b c d"), w("a b c d"));
        assertEquals(List.of(new Mapsswe.Segment(2, 0)), Mapsswe.segments(a, b, 2));
    }

    @Test
    void utteranceSegmentationUsesWholeUtterancesWithErrors() {
        Transcripts ref = Transcripts.builder()
                .add("u1", w("a b c d e f g h")).add("u2", w("x y")).add("u3", w("p q")).build();
        Transcripts hypA = Transcripts.builder()
                .add("u1", w("a x c d e f y h")).add("u2", w("x y")).add("u3", w("p z")).build();
        Transcripts hypB = Transcripts.builder()
                .add("u1", w("a b c d e z g h")).add("u2", w("x y")).add("u3", w("p q")).build();
        ScoreReport ra = WerScorer.standard().score(ref, hypA);
        ScoreReport rb = WerScorer.standard().score(ref, hypB);
        Mapsswe.Result byUtt = Mapsswe.test(ra, rb, Mapsswe.Segmentation.UTTERANCES);
        assertEquals(2, byUtt.segments()); // u2 has no error in either system and is left out
        assertEquals(3, byUtt.errorsA());
        assertEquals(1, byUtt.errorsB());
        Mapsswe.Result byRuns = Mapsswe.test(ra, rb, Mapsswe.Segmentation.RUNS);
        assertEquals(3, byRuns.segments()); // u1 splits in two
        // differences 1, 0, 1: mean 2/3, variance ((1/3)^2 * 2 + (2/3)^2) / 2 = 1/3, W = (2/3) / sqrt(1/9) = 2
        assertEquals(2.0, byRuns.z(), 1e-12);
    }
}
