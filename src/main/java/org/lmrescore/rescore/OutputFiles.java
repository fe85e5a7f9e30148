package org.lmrescore.rescore;

import org.lmrescore.lattice.Hypothesis;
import org.lmrescore.lattice.ScoreWeights;
import org.lmrescore.lattice.ScoredHypothesis;
import org.lmrescore.lattice.Tokens;
import org.lmrescore.lattice.TsvNBest;
import org.lmrescore.util.AtomicOutput;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The files a rescoring run leaves in its output folder, each written atomically:
 * {@code best.trn} (rescored 1-best, sclite trn), {@code before.trn} (first-pass 1-best),
 * {@code best.ctm} (rescored 1-best with times, for utterances whose input has times),
 * {@code nbest.tsv} (rescored N-best lists, {@link TsvNBest}), {@code oracle.trn} (with a
 * reference); with consensus decoding {@code best.trn} is the consensus and the Viterbi 1-best
 * goes to {@code viterbi.trn} (and its times to {@code viterbi.ctm}). Rescored lattices go to
 * {@code lattices/ID.slf.gz} as they are made.
 */
public final class OutputFiles {
    public static final String BEST_TRN = "best.trn";
    public static final String BEFORE_TRN = "before.trn";
    public static final String BEST_CTM = "best.ctm";
    public static final String NBEST_TSV = "nbest.tsv";
    public static final String ORACLE_TRN = "oracle.trn";
    /** With consensus decoding (best.trn is the consensus): the Viterbi 1-best, and its ctm. */
    public static final String VITERBI_TRN = "viterbi.trn";
    public static final String VITERBI_CTM = "viterbi.ctm";
    public static final String LATTICES = "lattices";

    private OutputFiles() {
    }

    /** Whether a rescoring run writes this file of its folder (relative path, '/'-separated): the run's file set. */
    public static boolean owns(String relative) {
        return switch (relative) {
            case BEST_TRN, BEFORE_TRN, BEST_CTM, NBEST_TSV, ORACLE_TRN, VITERBI_TRN, VITERBI_CTM -> true;
            default -> relative.startsWith(LATTICES + "/") && relative.endsWith(".slf.gz")
                    && relative.indexOf('/', LATTICES.length() + 1) < 0;
        };
    }

    /** Writes the transcripts and N-best lists; returns the number of utterances with times in the ctm. */
    public static int write(Path out, List<UtteranceResult> results, ScoreWeights weights) {
        boolean consensus = results.stream().anyMatch(r -> r.consensus() != null);
        writeTrn(out.resolve(BEST_TRN), results, UtteranceResult::output);
        if (consensus) {
            writeTrn(out.resolve(VITERBI_TRN), results, r -> r.best().hypothesis().words());
        }
        writeTrn(out.resolve(BEFORE_TRN), results, UtteranceResult::before);
        if (results.stream().anyMatch(r -> r.oracle() != null)) {
            writeTrn(out.resolve(ORACLE_TRN), results, UtteranceResult::oracle);
        }
        List<String> ids = new ArrayList<>();
        List<List<ScoredHypothesis>> lists = new ArrayList<>();
        for (UtteranceResult r : results) {
            if (!r.nbest().isEmpty()) {
                ids.add(r.id());
                lists.add(r.nbest());
            }
        }
        if (!ids.isEmpty()) {
            TsvNBest.write(out.resolve(NBEST_TSV), ids, lists, weights);
        }
        // the ctm's times come from the Viterbi path: with consensus decoding it is that path's ctm
        return writeCtm(out.resolve(consensus ? VITERBI_CTM : BEST_CTM), results);
    }

    /** One sclite trn line: the words, then the id in parentheses. */
    public static String trnLine(String id, List<String> words) {
        return words.isEmpty() ? "(" + id + ")" : String.join(" ", words) + " (" + id + ")";
    }

    private static void writeTrn(Path file, List<UtteranceResult> results, Function<UtteranceResult, List<String>> words) {
        try (AtomicOutput out = AtomicOutput.create(file)) {
            Writer w = out.writer();
            for (UtteranceResult r : results) {
                List<String> line = words.apply(r);
                if (line == null) {
                    continue;  // e.g. no oracle for an utterance the reference lacks
                }
                w.write(trnLine(r.id(), line));
                w.write('\n');
            }
            out.commit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** NIST ctm: {@code utt channel start duration word}; words without a known end get the start of the next. */
    private static int writeCtm(Path file, List<UtteranceResult> results) {
        int timed = 0;
        try (AtomicOutput out = AtomicOutput.create(file)) {
            Writer w = out.writer();
            for (UtteranceResult r : results) {
                Hypothesis h = r.best().hypothesis();
                if (!h.hasTimes()) {
                    continue;
                }
                timed++;
                List<String> tokens = h.tokens();
                for (int i = 0; i < tokens.size(); i++) {
                    String t = tokens.get(i);
                    double b = h.begin()[i];
                    double e = h.end()[i];
                    if (!Tokens.isWord(t) || Double.isNaN(b)) {
                        continue;
                    }
                    double duration = Double.isNaN(e) ? 0 : Math.max(0, e - b);
                    w.write(String.format(Locale.ROOT, "%s 1 %.2f %.2f %s%n", r.id(), b, duration, t));
                }
            }
            if (timed > 0) {
                out.commit();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return timed;
    }
}
