package org.lmrescore.eval;

import java.util.List;

/**
 * What {@link NbestOracle} found: the report of the best hypotheses (totals are the oracle WER),
 * and for each reference utterance (in reference order) the 0-based position of the chosen
 * hypothesis in its list (-1 when there was none) and the list's length.
 */
public final class OracleResult {
    private final ScoreReport report;
    private final int[] bestIndex;
    private final int[] listSize;

    OracleResult(ScoreReport report, int[] bestIndex, int[] listSize) {
        this.report = report;
        this.bestIndex = bestIndex.clone();
        this.listSize = listSize.clone();
    }

    /** Scores of the oracle choice; {@code report().totals().wer()} is the oracle WER. */
    public ScoreReport report() {
        return report;
    }

    public ErrorCounts totals() {
        return report.totals();
    }

    /** Position of the chosen hypothesis of reference utterance number {@code u}, or -1. */
    public int bestIndex(int u) {
        return bestIndex[u];
    }

    /** Position of the chosen hypothesis of utterance {@code id}, or -1 (also for an unknown id). */
    public int bestIndex(String id) {
        List<UtteranceScore> list = report.utterances();
        for (int u = 0; u < list.size(); u++) {
            if (list.get(u).id().equals(id)) {
                return bestIndex[u];
            }
        }
        return -1;
    }

    /** Number of hypotheses the list of utterance number {@code u} had. */
    public int listSize(int u) {
        return listSize[u];
    }

    /** Mean position of the chosen hypothesis (0 = the recogniser's 1-best), over utterances with a list. */
    public double meanBestIndex() {
        long sum = 0;
        int count = 0;
        for (int i : bestIndex) {
            if (i >= 0) {
                sum += i;
                count++;
            }
        }
        return count == 0 ? Double.NaN : (double) sum / count;
    }
}
