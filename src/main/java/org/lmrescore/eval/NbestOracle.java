package org.lmrescore.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Oracle word error rate of N-best lists: for each reference utterance, the hypothesis with the
 * fewest errors (S + D + I after the scorer's normalisation; the earliest one on ties, so a
 * 1-best that is already optimal is kept). It bounds what any rescoring of the same lists can reach.
 * An utterance without a list, or with an empty list, counts as all deletions like a missing
 * hypothesis.
 */
public final class NbestOracle {
    private final WerScorer scorer;

    public NbestOracle(WerScorer scorer) {
        this.scorer = scorer;
    }

    /**
     * @param ref   reference transcripts
     * @param nbest hypotheses per utterance id, best-first as the recogniser ranked them
     */
    public OracleResult score(Transcripts ref, Map<String, List<List<String>>> nbest) {
        List<String> unknown = scorer.unknownIds(ref, nbest.keySet(), null, id -> 0);
        List<UtteranceScore> best = new ArrayList<>(ref.size());
        int[] bestIndex = new int[ref.size()];
        int[] listSize = new int[ref.size()];
        int u = 0;
        for (String id : ref.ids()) {
            List<String> r = scorer.filter().apply(ref.words(id));
            List<List<String>> list = nbest.get(id);
            String speaker = scorer.speakers().speakerOf(id);
            Alignment chosen = null;
            int chosenIndex = -1;
            if (list != null) {
                for (int k = 0; k < list.size(); k++) {
                    Alignment a = scorer.aligner().align(r, scorer.filter().apply(list.get(k)));
                    if (chosen == null || a.errors() < chosen.errors()) {
                        chosen = a;
                        chosenIndex = k;
                    }
                }
            }
            best.add(chosen == null
                    ? new UtteranceScore(id, speaker, Alignment.allDeleted(r), true)
                    : new UtteranceScore(id, speaker, chosen, false));
            bestIndex[u] = chosenIndex;
            listSize[u] = list == null ? 0 : list.size();
            u++;
        }
        return new OracleResult(new ScoreReport("oracle", best, unknown), bestIndex, listSize);
    }
}
