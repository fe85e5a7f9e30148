package org.lmrescore.lattice;

import org.lmrescore.util.TextInput;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads SRILM's three N-best formats (one utterance per file, id from the file name):
 * <ul>
 *   <li>{@code NBestList1.0} header, then {@code (score) w1 w2 ...}: a total score in bytelog,
 *       taken as the acoustic score (SRILM does the same);</li>
 *   <li>{@code NBestList2.0} header, then {@code (score) w1 ( st: S et: E g: LM a: AC ) ...}:
 *       bytelog per-word LM and acoustic scores and times, {@code et} the start of the word's last
 *       10 ms frame as SRILM has it (tokens whose times lie inside the previous word are phone
 *       and state back-traces and are skipped, as SRILM does);</li>
 *   <li>no header: {@code ascore lscore nwords w1 w2 ...} in log10.</li>
 * </ul>
 * The LM score read becomes the first-pass LM score.
 */
public final class SrilmNBestReader {
    private SrilmNBestReader() {
    }

    public static NBestList read(Path file) {
        try (TextInput in = TextInput.open(file)) {
            return read(in, UtteranceIds.fromFileName(file));
        }
    }

    public static NBestList read(TextInput in, String id) {
        int format = 0;
        List<Hypothesis> hyps = new ArrayList<>();
        String line;
        while ((line = in.readLine()) != null) {
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (hyps.isEmpty() && format == 0 && trimmed.equals("NBestList1.0")) {
                format = 1;
                continue;
            }
            if (hyps.isEmpty() && format == 0 && trimmed.equals("NBestList2.0")) {
                format = 2;
                continue;
            }
            String[] f = trimmed.split("\\s+");
            if (format == 2) {
                hyps.add(decipher2(f, in));
            } else if (format == 1 || f[0].startsWith("(")) {
                double total = bytelog(f[0], in);
                hyps.add(Hypothesis.of(Arrays.asList(f).subList(1, f.length), total, 0));
            } else {
                if (f.length < 3) {
                    throw in.error("expected 'acoustic-score lm-score word-count words...'");
                }
                double ac = log10(f[0], "acoustic score", in);
                double lm = log10(f[1], "LM score", in);
                int n;
                try {
                    n = Integer.parseInt(f[2]);
                } catch (NumberFormatException e) {
                    throw in.error("expected a word count in the third column, found '" + f[2] + "'");
                }
                if (n < 0) {
                    throw in.error("negative word count " + n);
                }
                hyps.add(Hypothesis.of(Arrays.asList(f).subList(3, f.length), ac, lm));
            }
        }
        if (hyps.isEmpty()) {
            throw in.error("no hypotheses in the N-best list");
        }
        return new NBestList(id, hyps);
    }

    private static Hypothesis decipher2(String[] f, TextInput in) {
        bytelog(f[0], in);
        if ((f.length - 1) % 11 != 0) {
            throw in.error("expected (score) then 'word ( st: S et: E g: LM a: AC )' groups of 11 fields");
        }
        List<String> words = new ArrayList<>();
        List<Double> begins = new ArrayList<>();
        List<Double> ends = new ArrayList<>();
        double ac = 0;
        double lm = 0;
        double prevEnd = -1;
        for (int i = 1; i < f.length; i += 11) {
            if (!f[i + 1].equals("(") || !f[i + 2].equals("st:") || !f[i + 4].equals("et:") || !f[i + 6].equals("g:")
                    || !f[i + 8].equals("a:") || !f[i + 10].equals(")")) {
                throw in.error("expected 'word ( st: S et: E g: LM a: AC )' at '" + f[i] + "'");
            }
            double st = Fields.number(f[i + 3], in);
            double et = Fields.number(f[i + 5], in);
            if (et < st || st < 0) {
                throw in.error("expected 0 <= st: <= et: for '" + f[i] + "', found st: " + f[i + 3] + " et: " + f[i + 5]);
            }
            String token = f[i];
            boolean state = token.matches(".*-[0-9]");
            if (st > prevEnd && !state) {
                words.add(token);
                begins.add(st);
                ends.add(et + SrilmNBestWriter.FRAME_SECONDS);  // et: the start of the word's last frame
                lm += LogBase.BYTELOG.toLn(Fields.number(f[i + 7], in));
                ac += LogBase.BYTELOG.toLn(Fields.number(f[i + 9], in));
                prevEnd = et;
            }
        }
        double[] b = begins.stream().mapToDouble(Double::doubleValue).toArray();
        double[] e = ends.stream().mapToDouble(Double::doubleValue).toArray();
        // the total is checked for syntax only: like SRILM, the per-word sums are the scores kept
        return new Hypothesis(words, ac, lm, b, e);
    }

    private static double bytelog(String s, TextInput in) {
        if (!s.startsWith("(") || !s.endsWith(")")) {
            throw in.error("expected a (score) in parentheses, found '" + s + "'");
        }
        return LogBase.BYTELOG.toLn(Fields.number(s.substring(1, s.length() - 1), in));
    }

    private static double log10(String s, String what, TextInput in) {
        return LogBase.TEN.toLn(Fields.number(s, in, "the " + what + " (log10)"));
    }
}
