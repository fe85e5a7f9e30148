package org.lmrescore.lattice;

import org.lmrescore.util.TextInput;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the rnnlm toolkit's N-best input: {@code uttid w1 w2 ...} per line, no scores, the
 * lines of one utterance consecutive. Hypotheses get acoustic and first-pass scores 0, so only
 * the LM and the word penalty rank them.
 */
public final class RnnlmNBestReader {
    private RnnlmNBestReader() {
    }

    public static List<NBestList> read(Path file) {
        try (TextInput in = TextInput.open(file)) {
            return read(in);
        }
    }

    public static List<NBestList> read(TextInput in) {
        List<NBestList> out = new ArrayList<>();
        String current = null;
        List<Hypothesis> hyps = new ArrayList<>();
        String line;
        while ((line = in.readLine()) != null) {
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            String[] f = trimmed.split("\\s+");
            if (!f[0].equals(current)) {
                if (current != null) {
                    out.add(new NBestList(current, hyps));
                }
                current = f[0];
                hyps = new ArrayList<>();
            }
            hyps.add(Hypothesis.of(Arrays.asList(f).subList(1, f.length), 0, 0));
        }
        if (current == null) {
            throw in.error("no hypotheses in the N-best file");
        }
        out.add(new NBestList(current, hyps));
        return out;
    }
}
