package org.lmrescore.lattice;

import org.lmrescore.util.AtomicOutput;
import org.lmrescore.util.TextInput;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * This project's N-best format: tab-separated, natural logs, any number of utterances per file.
 * <pre>
 * #lmrescore-nbest v1 (natural log; total = acoustic + lm + wdpenalty x nwords)
 * #utt  rank  total  acoustic  lm  lnp  nwords  words
 * u1    1     -1234.5  -1200.0  -30.5  -3.81  3  the cat sat
 * </pre>
 * {@code acoustic} is the acoustic score as used in the total, {@code lm} the weighted LM score
 * in the total (lmscale x ln P, plus the first-pass LM's share when it joins), {@code lnp} ln P
 * of the rescoring LM with {@code </s>} ({@code -} when unknown), {@code nwords} the words
 * charged the penalty. Read back, {@code acoustic} and {@code lm} become the hypothesis's
 * acoustic and first-pass LM scores, so a list can be rescored again.
 */
public final class TsvNBest {
    /** The first line of every file in this format. */
    public static final String MAGIC = "#lmrescore-nbest";

    private TsvNBest() {
    }

    public static boolean isHeader(String firstLine) {
        return firstLine.startsWith(MAGIC);
    }

    /** Writes rescored lists ({@code lists.get(i)} ranked best first) to {@code file} atomically. */
    public static void write(Path file, List<String> ids, List<List<ScoredHypothesis>> lists, ScoreWeights weights) {
        try (AtomicOutput out = AtomicOutput.create(file)) {
            Writer w = out.writer();
            w.write(MAGIC + " v1 (natural log; total = acoustic + lm + wdpenalty x nwords; wdpenalty="
                    + weights.wordPenalty() + ")\n");
            w.write("#utt\trank\ttotal\tacoustic\tlm\tlnp\tnwords\twords\n");
            for (int u = 0; u < ids.size(); u++) {
                int rank = 1;
                for (ScoredHypothesis s : lists.get(u)) {
                    Hypothesis h = s.hypothesis();
                    double acoustic = weights.acousticScale() * h.acoustic();
                    double lm = weights.lmPart(s.lmLogProb(), h.firstPassLm());
                    w.write(String.format(Locale.ROOT, "%s\t%d\t%.6f\t%.6f\t%.6f\t%.6f\t%d\t%s\n", ids.get(u), rank++,
                            s.total(), acoustic, lm, s.lmLogProb(), s.words(), text(h)));
                }
            }
            out.commit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The hypothesis's tokens without boundaries (fillers stay: they keep their place for a later pass). */
    private static String text(Hypothesis h) {
        StringBuilder b = new StringBuilder();
        for (String t : h.tokens()) {
            if (!Tokens.isBoundary(t)) {
                if (b.length() > 0) {
                    b.append(' ');
                }
                b.append(t);
            }
        }
        return b.toString();
    }

    public static List<NBestList> read(Path file) {
        try (TextInput in = TextInput.open(file)) {
            return read(in);
        }
    }

    public static List<NBestList> read(TextInput in) {
        String first = in.readLine();
        if (first == null || !isHeader(first)) {
            throw in.error("expected the '" + MAGIC + "' header line");
        }
        NBestGroups groups = new NBestGroups();
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length != 8) {
                throw in.error("expected 8 tab-separated fields: utt rank total acoustic lm lnp nwords words");
            }
            double acoustic = Fields.number(f[3], in);
            double lm = Fields.number(f[4], in);
            int n = Fields.wordCount(f[6], in);
            List<String> tokens = f[7].isBlank() ? List.of() : Arrays.asList(f[7].strip().split(" +"));
            if (n > tokens.size()) {
                throw in.error("nwords is " + n + " but only " + tokens.size() + " tokens follow");
            }
            groups.add(f[0], Hypothesis.of(tokens, acoustic, lm));
        }
        return groups.finish(in);
    }
}
