package org.lmrescore.lattice;

import org.lmrescore.eval.Aligner;
import org.lmrescore.eval.Alignment;
import org.lmrescore.eval.EditOp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Consensus (minimum-Bayes-risk) decoding of a rescored N-best list: the N-best form of the
 * confusion networks of Mangu, Brill &amp; Stolcke (2000), built the way ROVER builds its word
 * transition network. The Viterbi 1-best minimises the sentence error; this minimises the
 * expected number of word errors, which is what WER counts.
 *
 * <ol>
 *   <li>Each hypothesis gets its posterior: exp(scale x total), normalised over the list. The
 *       scale is the posterior scale, customarily 1 / lmscale (Kaldi's acoustic scale
 *       1 / LMWT): it flattens the totals, whose acoustic part is far too peaked.</li>
 *   <li>Every hypothesis is aligned word by word (Levenshtein) to the most probable one, the pivot.
 *       Each pivot word is a slot, and so is each gap between pivot words; a slot holds the
 *       words (in a gap: the word sequences) aligned to it with their summed posteriors, and the
 *       empty word holds the rest of the slot's mass, so every slot sums to 1
 *       ({@link ConfusionNetwork}).</li>
 *   <li>The consensus keeps the most probable entry of each slot, nothing where that is the
 *       empty word; its posterior is the word's confidence. Ties go to the pivot's choice.</li>
 * </ol>
 */
public final class NBestConsensus {
    private NBestConsensus() {
    }

    /** The posteriors of the hypotheses, in list order: exp(scale x total) normalised. */
    public static double[] posteriors(List<ScoredHypothesis> nbest, double scale) {
        double[] p = new double[nbest.size()];
        double max = Double.NEGATIVE_INFINITY;
        for (ScoredHypothesis h : nbest) {
            max = Math.max(max, scale * h.total());
        }
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp(scale * nbest.get(i).total() - max);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    /** The consensus words of {@code nbest} (any order) at posterior scale {@code scale} (> 0). */
    public static List<ConfusionNetwork.Word> decode(List<ScoredHypothesis> nbest, double scale) {
        return network(nbest, scale).consensus();
    }

    /** The confusion network of {@code nbest} (any order), aligned to its most probable hypothesis. */
    public static ConfusionNetwork network(List<ScoredHypothesis> nbest, double scale) {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("posterior scale must be a positive number, not " + scale);
        }
        if (nbest.isEmpty()) {
            return new ConfusionNetwork(List.of(new ConfusionNetwork.Slot(Map.of(), null)));
        }
        double[] post = posteriors(nbest, scale);
        int pivotIndex = 0;
        for (int i = 1; i < post.length; i++) {
            if (post[i] > post[pivotIndex]) {
                pivotIndex = i;
            }
        }
        List<String> pivot = nbest.get(pivotIndex).hypothesis().words();
        // slot 2j+1 is pivot word j, slot 2j the gap before it (slot 2n the gap after the last)
        List<Map<String, Double>> slots = new ArrayList<>();
        for (int s = 0; s <= 2 * pivot.size(); s++) {
            slots.add(new LinkedHashMap<>());
        }
        for (int h = 0; h < post.length; h++) {
            Alignment a = Aligner.LEVENSHTEIN.align(pivot, nbest.get(h).hypothesis().words());
            int j = 0;  // pivot words passed
            StringBuilder gap = new StringBuilder();
            for (int k = 0; k < a.size(); k++) {
                EditOp op = a.op(k);
                if (op == EditOp.INSERTION) {
                    gap.append(gap.length() == 0 ? "" : " ").append(a.hypWord(k));
                    continue;
                }
                add(slots.get(2 * j), gap, post[h]);
                if (op != EditOp.DELETION) {
                    slots.get(2 * j + 1).merge(a.hypWord(k), post[h], Double::sum);
                }
                j++;
            }
            add(slots.get(2 * j), gap, post[h]);
        }
        List<ConfusionNetwork.Slot> out = new ArrayList<>();
        for (int s = 0; s < slots.size(); s++) {
            out.add(new ConfusionNetwork.Slot(slots.get(s), s % 2 == 1 ? pivot.get(s / 2) : null));
        }
        return new ConfusionNetwork(out);
    }

    private static void add(Map<String, Double> gapSlot, StringBuilder gap, double posterior) {
        if (gap.length() > 0) {
            gapSlot.merge(gap.toString(), posterior, Double::sum);
            gap.setLength(0);
        }
    }
}
