package org.lmrescore.sphinx;

import org.lmrescore.util.AtomicOutput;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The 1-best transcripts of a decode job: {@code hyp.trn} (sclite trn: {@code words (uttid)}) and
 * {@code hyp.ctm} (NIST ctm: {@code uttid 1 start duration word}, seconds, one word per line).
 */
public final class TranscriptFiles {
    private TranscriptFiles() {
    }

    /** One utterance's 1-best words (empty when the recogniser found no speech). */
    public record Hypothesis(String uttid, List<TimedWord> words) {
    }

    public static void writeTrn(Path target, List<Hypothesis> hypotheses) {
        try (AtomicOutput out = AtomicOutput.create(target)) {
            Writer w = out.writer();
            for (Hypothesis h : hypotheses) {
                for (TimedWord word : h.words()) {
                    w.write(word.word());
                    w.write(' ');
                }
                w.write('(' + h.uttid() + ")\n");
            }
            out.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    public static void writeCtm(Path target, List<Hypothesis> hypotheses) {
        try (AtomicOutput out = AtomicOutput.create(target)) {
            Writer w = out.writer();
            for (Hypothesis h : hypotheses) {
                for (TimedWord word : h.words()) {
                    w.write(String.format(Locale.ROOT, "%s 1 %.2f %.2f %s%n", h.uttid(), word.start(), word.duration(), word.word()));
                }
            }
            out.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }
}
