package org.lmrescore.eval;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NbestOracleTest {
    private static List<String> w(String s) {
        return s.isEmpty() ? List.of() : Arrays.asList(s.split(" "));
    }

    @Test
    void picksTheHypothesisWithFewestErrorsAndTheEarliestOnTies() {
        Transcripts ref = Transcripts.builder()
                .add("u1", w("the cat sat on the mat"))
                .add("u2", w("hello world"))
                .add("u3", w("good morning"))
                .add("u4", w("no list here"))
                .build();
        Map<String, List<List<String>>> nbest = new LinkedHashMap<>();
        nbest.put("u1", List.of(w("a cat sat on a mat"), w("the cat sat on a mat"), w("the cat sat on the mat")));
        nbest.put("u2", List.of(w("hello word"), w("yellow world")));   // 1 error each: keep rank 0
        nbest.put("u3", List.of(w("good morning to you"), w("could morning")));   // 2 vs 1 errors
        nbest.put("u4", List.of());
        OracleResult r = new NbestOracle(WerScorer.standard()).score(ref, nbest);
        assertEquals(2, r.bestIndex("u1"));
        assertEquals(0, r.bestIndex("u2"));
        assertEquals(1, r.bestIndex("u3"));
        assertEquals(-1, r.bestIndex("u4"));
        assertEquals(3, r.listSize(0));
        ErrorCounts t = r.totals();
        assertEquals(13, t.n());
        // u1 0, u2 1 (S), u3 1 (S), u4 3 (D)
        assertEquals(5, t.errors());
        assertEquals(2, t.sub());
        assertEquals(3, t.del());
        assertEquals(List.of("u4"), r.report().missingHypotheses());
        assertEquals(1.0, r.meanBestIndex(), 1e-12);
    }
}
