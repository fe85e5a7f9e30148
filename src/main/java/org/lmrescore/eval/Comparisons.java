package org.lmrescore.eval;

import java.util.List;

/** Checks shared by the paired tests: both reports must score the same reference words. */
final class Comparisons {
    private Comparisons() {
    }

    static void requireSameReference(ScoreReport a, ScoreReport b) {
        List<UtteranceScore> ua = a.utterances();
        List<UtteranceScore> ub = b.utterances();
        if (ua.size() != ub.size()) {
            throw new IllegalArgumentException("the two systems were scored on different references ("
                    + ua.size() + " and " + ub.size() + " utterances)");
        }
        for (int u = 0; u < ua.size(); u++) {
            UtteranceScore x = ua.get(u);
            UtteranceScore y = ub.get(u);
            if (!x.id().equals(y.id()) || x.alignment().refLength() != y.alignment().refLength()) {
                throw new IllegalArgumentException("the two systems were scored on different references (utterance "
                        + x.id() + " vs " + y.id() + ")");
            }
        }
    }
}
