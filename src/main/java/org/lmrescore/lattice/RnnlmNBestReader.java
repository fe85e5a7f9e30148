package org.lmrescore.lattice;

import org.lmrescore.util.TextInput;

import java.nio.file.Path;
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
        NBestGroups groups = new NBestGroups();
        String line;
        while ((line = in.readLine()) != null) {
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            String[] f = trimmed.split("\\s+");
            groups.add(f[0], Hypothesis.of(Arrays.asList(f).subList(1, f.length), 0, 0));
        }
        return groups.finish(in);
    }
}
