package org.lmrescore.eval;

import org.lmrescore.util.AtomicOutput;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Writes transcripts as sclite trn ({@code words (uttid)}), atomically: never a partial file. */
public final class TranscriptWriter {
    private TranscriptWriter() {
    }

    public static void writeTrn(Transcripts transcripts, Path target) {
        try (AtomicOutput out = AtomicOutput.create(target)) {
            Writer w = out.writer();
            for (Map.Entry<String, List<String>> e : transcripts.asMap().entrySet()) {
                w.write(trnLine(e.getKey(), e.getValue()));
                w.write('\n');
            }
            out.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    /** One trn line without its newline: the words, a space, and the id in parentheses. */
    public static String trnLine(String id, List<String> words) {
        StringBuilder line = new StringBuilder();
        for (String word : words) {
            line.append(word).append(' ');
        }
        return line.append('(').append(id).append(')').toString();
    }
}
