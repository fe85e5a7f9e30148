package org.lmrescore.lattice;

import org.lmrescore.util.TextInput;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the Sphinx N-best lists of the development set: {@code #} comment lines, then
 * {@code rank<TAB>total<TAB>am<TAB>lm<TAB>nwords<TAB>words}, scores in log base 1.0001,
 * {@code lm} = language weight x log P (kept as the first-pass LM score). An empty word field
 * is an empty hypothesis.
 */
public final class SphinxNBestReader {
    private SphinxNBestReader() {
    }

    public static NBestList read(Path file) {
        try (TextInput in = TextInput.open(file)) {
            return read(in, UtteranceIds.fromFileName(file));
        }
    }

    public static NBestList read(TextInput in, String id) {
        List<Hypothesis> hyps = new ArrayList<>();
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length != 6) {
                throw in.error("expected 6 tab-separated fields: rank total am lm nwords words");
            }
            double am = Fields.number(f[2], in);
            double lm = Fields.number(f[3], in);
            int n = Fields.wordCount(f[4].strip(), in);
            List<String> words = f[5].isBlank() ? List.of() : Arrays.asList(f[5].strip().split("\\s+"));
            if (words.size() != n) {
                throw in.error("the word count says " + n + " but " + words.size() + " words follow");
            }
            hyps.add(Hypothesis.of(words, LogBase.SPHINX.toLn(am), LogBase.SPHINX.toLn(lm)));
        }
        if (hyps.isEmpty()) {
            throw in.error("no hypotheses in the N-best list");
        }
        return new NBestList(id, hyps);
    }
}
