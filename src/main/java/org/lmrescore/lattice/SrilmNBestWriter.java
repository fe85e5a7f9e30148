package org.lmrescore.lattice;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/**
 * Writes a rescored N-best list in SRILM's formats, the counterparts of {@link SrilmNBestReader}.
 * The rescoring LM's ln P is SRILM's LM score and the rest of the total except the word penalty
 * (acoustic and first-pass terms, as weighted here) its acoustic score, so SRILM's
 * {@code ascore + lmscale x lscore + wip x nwords} (nbest-optimize, nbest-lattice) is this
 * program's total at the same weights.
 * <ul>
 *   <li>{@link #writePlain}: {@code ascore lscore nwords w1 w2 ...} in log10, exact;</li>
 *   <li>{@link #writeNBestList2}: {@code NBestList2.0}, Decipher's form with word times,
 *       {@code (total) w1 ( st: S et: E g: LM a: AC ) ...} in integer bytelog as SRILM writes it
 *       (so within 0.05 nats). The scores are per utterance here, not per word: the first word
 *       carries them, the others 0, which SRILM's sums read back unchanged. {@code et} is the
 *       start of the word's last 10 ms frame, as SRILM writes and reads it.</li>
 * </ul>
 */
public final class SrilmNBestWriter {
    /** SRILM's frame length: NBestList2.0's {@code et:} is a word's end minus one frame. */
    public static final double FRAME_SECONDS = 0.01;

    private SrilmNBestWriter() {
    }

    /** Whether every hypothesis has word times, which NBestList2.0 needs. */
    public static boolean hasTimes(List<ScoredHypothesis> list) {
        for (ScoredHypothesis h : list) {
            Hypothesis hyp = h.hypothesis();
            if (!hyp.hasTimes()) {
                return false;
            }
            for (int i = 0; i < hyp.tokens().size(); i++) {
                if (Tokens.isWord(hyp.tokens().get(i)) && !(hyp.end()[i] >= hyp.begin()[i])) {
                    return false;
                }
            }
        }
        return true;
    }

    public static void writePlain(Writer w, List<ScoredHypothesis> list, ScoreWeights weights) throws IOException {
        for (ScoredHypothesis h : list) {
            Hypothesis hyp = h.hypothesis();
            double rest = weights.acousticAndFirstPass(hyp.acoustic(), hyp.firstPassLm());
            w.write(String.format(Locale.ROOT, "%.6f %.6f %d", LogBase.TEN.fromLn(rest), LogBase.TEN.fromLn(h.lmLogProb()),
                    h.words()));
            for (String word : hyp.words()) {
                w.write(' ');
                w.write(word);
            }
            w.write('\n');
        }
    }

    /** NBestList2.0; every hypothesis must have times ({@link #hasTimes}). */
    public static void writeNBestList2(Writer w, List<ScoredHypothesis> list, ScoreWeights weights) throws IOException {
        w.write("NBestList2.0\n");
        for (ScoredHypothesis h : list) {
            Hypothesis hyp = h.hypothesis();
            long rest = bytelog(weights.acousticAndFirstPass(hyp.acoustic(), hyp.firstPassLm()));
            long lm = bytelog(h.lmLogProb());
            StringBuilder line = new StringBuilder("(").append(bytelog(h.total())).append(')');
            boolean first = true;
            for (int i = 0; i < hyp.tokens().size(); i++) {
                String token = hyp.tokens().get(i);
                if (!Tokens.isWord(token)) {
                    continue;
                }
                double begin = hyp.begin()[i];
                double lastFrame = Math.max(begin, hyp.end()[i] - FRAME_SECONDS);
                line.append(String.format(Locale.ROOT, " %s ( st: %.2f et: %.2f g: %d a: %d )", token, begin, lastFrame,
                        first ? lm : 0, first ? rest : 0));
                first = false;
            }
            w.write(line.append('\n').toString());
        }
    }

    private static long bytelog(double ln) {
        return Math.round(LogBase.BYTELOG.fromLn(ln));
    }
}
