package org.lmrescore.lattice;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes a rescored N-best list as {@code lattice-to-nbest} does, the counterpart of
 * {@link KaldiNBestReader}: one linear CompactLattice per hypothesis, keyed {@code UTT-1},
 * {@code UTT-2}, ... best first, in Kaldi's text form ({@code nbest-to-linear},
 * {@code lattice-best-path} and {@code lattice-copy} read it). Word labels as
 * {@link KaldiLatticeWriter} writes them. The costs are the hypothesis's, on the final state
 * (which every path, the empty one too, has): graph cost = -ln P of the rescoring LM,
 * acoustic cost = minus the rest of the total, so Kaldi's scoring at LMWT = lmscale ranks the
 * list as this program does. No transition ids (no times) are kept.
 */
public final class KaldiNBestWriter {
    private KaldiNBestWriter() {
    }

    public static void write(Writer w, String id, List<ScoredHypothesis> list, ScoreWeights weights, KaldiSymbols words)
            throws IOException {
        for (int rank = 0; rank < list.size(); rank++) {
            ScoredHypothesis h = list.get(rank);
            StringBuilder b = new StringBuilder().append(id).append('-').append(rank + 1).append(" \n");
            int state = 0;
            for (String word : h.hypothesis().words()) {
                b.append(state).append('\t').append(state + 1).append('\t').append(KaldiLatticeWriter.label(word, words))
                        .append("\t0,0,\n");
                state++;
            }
            double graph = -h.lmLogProb();
            double acoustic = -(h.total() - weights.lmScale() * h.lmLogProb());
            b.append(state).append('\t').append((float) graph + 0f).append(',').append((float) acoustic + 0f).append(",\n\n");
            w.write(b.toString());
        }
    }
}
