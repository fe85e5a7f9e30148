package org.lmrescore.eval;

import org.lmrescore.util.AtomicOutput;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Per-utterance alignments in the manner of sclite's {@code -o pra} report. For each utterance:
 * <pre>
 * id: (spk1-utt7)
 * Scores: (#C #S #D #I) 3 1 1 0
 * REF:  the CAT sat ON mat
 * HYP:  the BAT sat *** mat
 * Eval:     S       D
 * </pre>
 * Words in error are upper-cased, a missing word is {@code ***}, columns are padded to the wider
 * of the two words, and the Eval line marks S, D or I under each error.
 */
public final class PraWriter {
    private PraWriter() {
    }

    /** Writes every utterance of {@code report} to {@code target} atomically. */
    public static void write(ScoreReport report, Path target) {
        try (AtomicOutput out = AtomicOutput.create(target)) {
            Writer w = out.writer();
            w.write("System: " + report.title() + "\n");
            w.write("Sentences: " + report.totals().sentences() + "  Words: " + report.totals().n() + "\n\n");
            for (UtteranceScore u : report.utterances()) {
                w.write(format(u));
                w.write('\n');
            }
            out.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    /** The block of one utterance, ending with a newline. */
    public static String format(UtteranceScore u) {
        Alignment a = u.alignment();
        StringBuilder ref = new StringBuilder("REF:  ");
        StringBuilder hyp = new StringBuilder("HYP:  ");
        StringBuilder eval = new StringBuilder("Eval: ");
        for (int i = 0; i < a.size(); i++) {
            EditOp op = a.op(i);
            String r = cell(a.refWord(i), op);
            String h = cell(a.hypWord(i), op);
            int width = Math.max(r.length(), h.length());
            if (i > 0) {
                ref.append(' ');
                hyp.append(' ');
                eval.append(' ');
            }
            pad(ref.append(r), width - r.length());
            pad(hyp.append(h), width - h.length());
            pad(eval.append(op.isError() ? op.letter() : ' '), width - 1);
        }
        StringBuilder out = new StringBuilder();
        out.append("id: (").append(u.id()).append(')');
        if (u.missingHypothesis()) {
            out.append("  [no hypothesis]");
        }
        out.append('\n');
        out.append(String.format(Locale.ROOT, "Scores: (#C #S #D #I) %d %d %d %d%n", a.corr(), a.sub(), a.del(), a.ins()));
        out.append(strip(ref)).append('\n');
        out.append(strip(hyp)).append('\n');
        out.append(strip(eval)).append('\n');
        return out.toString();
    }

    private static String cell(String word, EditOp op) {
        if (word == null) {
            return "***";
        }
        return op.isError() ? word.toUpperCase(Locale.ROOT) : word;
    }

    private static void pad(StringBuilder s, int n) {
        for (int i = 0; i < n; i++) {
            s.append(' ');
        }
    }

    private static String strip(StringBuilder s) {
        return s.toString().stripTrailing();
    }
}
