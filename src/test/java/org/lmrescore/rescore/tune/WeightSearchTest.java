package org.lmrescore.rescore.tune;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two utterances, two hypotheses each, one LM (so only lmscale and wip matter). By hand, with
 * total = acoustic + s x lnP + w x words:
 * <ul>
 * <li>utterance A (3 reference words): wrong hypothesis (1 error, 4 words) -10 - 8s + 4w;
 *     right one (3 words) -12 - 6s + 3w: the right one wins iff 2s - w > 2;</li>
 * <li>utterance B (2 reference words): right hypothesis -5 - 14s + 2w, wrong one (2 errors)
 *     -9 - 12s + 2w: the right one wins iff s &lt; 2.</li>
 * </ul>
 * So WER is 0 exactly where 1 + w/2 &lt; s &lt; 2; otherwise 20% (A wrong) or 40% (B wrong) or 60%.
 */
class WeightSearchTest {
    private static HypothesisFeatures hyp(double acoustic, double lnP, int words, int errors) {
        return new HypothesisFeatures(acoustic, words, 0, new double[][] {{lnP}}, errors);
    }

    private static TuningSet set() {
        UtteranceFeatures a = new UtteranceFeatures("a", List.of(hyp(-10, -8, 4, 1), hyp(-12, -6, 3, 0)), 3);
        UtteranceFeatures b = new UtteranceFeatures("b", List.of(hyp(-5, -14, 2, 0), hyp(-9, -12, 2, 2)), 2);
        return new TuningSet(List.of(a, b), 0, true, -16);
    }

    @Test
    void werOfHandPickedPoints() {
        TuningSet s = set();
        assertEquals(0.0, s.wer(new TuningPoint(1.5, 0, 0, 0.5)), 1e-12);
        assertEquals(20.0, s.wer(new TuningPoint(0.5, 0, 0, 0.5)), 1e-12);   // A wrong
        assertEquals(40.0, s.wer(new TuningPoint(3, 0, 0, 0.5)), 1e-12);     // B wrong
        assertEquals(60.0, s.wer(new TuningPoint(3, 5, 0, 0.5)), 1e-12);     // both wrong: 2s - w = 1
        assertEquals(0, s.oracleErrors());
    }

    @Test
    void lmScaleAloneLandsInsideTheInterval() {
        SearchRange[] ranges = {new SearchRange(0, 4), new SearchRange(0, 0), new SearchRange(0, 0), new SearchRange(0.5, 0.5)};
        WeightSearch.Result r = new WeightSearch(set(), ranges).run();
        assertTrue(r.point().lmScale() > 1 && r.point().lmScale() < 2, "lmscale " + r.point().lmScale());
        assertEquals(0, r.errors());
        assertEquals(0.0, r.wer(), 1e-12);
        // the middle of the plateau, not its edge: the scan step over 0..4 is 0.05
        assertEquals(1.5, r.point().lmScale(), 0.06);
    }

    @Test
    void lmScaleAndPenaltyTogether() {
        SearchRange[] ranges = {new SearchRange(0, 4), new SearchRange(-2, 2), new SearchRange(0, 0), new SearchRange(0.5, 0.5)};
        WeightSearch.Result r = new WeightSearch(set(), ranges).run();
        double s = r.point().lmScale();
        double w = r.point().wip();
        assertTrue(s < 2 && 2 * s - w > 2, "s=" + s + " w=" + w);
        assertEquals(0.0, r.wer(), 1e-12);
        assertEquals(0.0, set().wer(r.point()), 1e-12);
    }

    @Test
    void fixedRangesAreKept() {
        SearchRange[] ranges = {new SearchRange(2.5, 2.5), new SearchRange(-2, 2), new SearchRange(0, 0), new SearchRange(0.5, 0.5)};
        WeightSearch.Result r = new WeightSearch(set(), ranges).run();
        assertEquals(2.5, r.point().lmScale());
        assertEquals(40.0, r.wer(), 1e-12); // s = 2.5 > 2: B is always wrong, A right for w < 3
        assertTrue(r.point().wip() < 2.0 + 1e-9);
    }

    @Test
    void longestRunMiddle() {
        double[] v = {0, 1, 2, 3, 4, 5, 6};
        long[] e = {1, 0, 1, 0, 0, 0, 2};
        assertEquals(4, WeightSearch.middleOfLongestRun(v, e, 0));
    }

    @Test
    void splitsByParityOfSortedIds() {
        assertEquals(java.util.Set.of("a", "c"), UtteranceSplit.tuneIds(List.of("c", "b", "a", "d"), "even"));
        assertEquals(java.util.Set.of("b", "d"), UtteranceSplit.tuneIds(List.of("c", "b", "a", "d"), "odd"));
    }

    @Test
    void rescoreArgumentsRoundTrip() {
        TuningPoint p = new TuningPoint(11.25, -1.5, 0.3, 0.6);
        assertEquals(List.of("--lmscale 11.25", "--wip -1.5", "--first-pass-weight 0.3", "--lambda 0.6"), p.rescoreArguments(true));
        assertEquals(3, p.rescoreArguments(false).size());
    }
}
