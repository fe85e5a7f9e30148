package org.lmrescore.rescore;

import org.lmrescore.eval.ConfidenceMap;
import org.lmrescore.lattice.ConfusionNetwork;
import org.lmrescore.lattice.Hypothesis;
import org.lmrescore.lattice.KaldiNBestWriter;
import org.lmrescore.lattice.KaldiSymbols;
import org.lmrescore.lattice.ScoreWeights;
import org.lmrescore.lattice.ScoredHypothesis;
import org.lmrescore.lattice.SrilmNBestWriter;
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
 * {@code best.trn} (rescored 1-best, sclite trn; {@code best.txt} the same as Kaldi text),
 * {@code before.trn} (first-pass 1-best),
 * {@code best.ctm} (rescored 1-best with times, for utterances whose input has times, and each
 * word's posterior as the NIST confidence column),
 * {@code nbest.tsv} (rescored N-best lists, {@link TsvNBest}; the same for the rnnlm toolkit in
 * {@code nbest.rnnlm.txt}, for Kaldi in {@code nbest.kaldi.txt} and for SRILM in {@code nbest-srilm/ID.nbest}, and as NBestList2.0 in
 * {@code nbest-srilm2/ID.nbest} when the words have times), {@code oracle.trn} (with a
 * reference); with consensus decoding {@code best.trn} is the consensus ({@code best.ctm} its
 * words with the times the lattice recursion averaged) and the Viterbi 1-best goes to
 * {@code viterbi.trn} (and {@code viterbi.ctm}). Rescored lattices go to
 * {@code lattices/ID.slf.gz} as they are made ({@code lattices/ID.lat.txt.gz}, Kaldi text, for
 * Kaldi input); confusion networks, when asked for, to
 * {@code meshes/ID.mesh} (SRILM's mesh format) with the network's N-best by word posteriors in
 * {@code meshes/ID.nbest}.
 */
public final class OutputFiles {
    public static final String BEST_TRN = "best.trn";
    /** best.trn in Kaldi's text form ({@code uttid w1 w2 ...}) for compute-wer and the Kaldi scripts. */
    public static final String BEST_TEXT = "best.txt";
    public static final String BEFORE_TRN = "before.trn";
    public static final String BEST_CTM = "best.ctm";
    public static final String NBEST_TSV = "nbest.tsv";
    /** The rescored N-best lists for the rnnlm toolkit ({@code uttid w1 w2 ...}, best first). */
    public static final String NBEST_RNNLM = "nbest.rnnlm.txt";
    /** The same as lattice-to-nbest's text archive ({@code UTT-1}, {@code UTT-2}, ... linear lattices). */
    public static final String NBEST_KALDI = "nbest.kaldi.txt";
    /** One SRILM N-best file per utterance ({@code ascore lscore nwords words}, log10), for nbest-optimize and kin. */
    public static final String NBEST_SRILM = "nbest-srilm";
    /** The same in SRILM's NBestList2.0 (Decipher's format, with word times), for lists whose words have times. */
    public static final String NBEST_SRILM2 = "nbest-srilm2";
    public static final String ORACLE_TRN = "oracle.trn";
    /** With consensus decoding (best.trn is the consensus): the Viterbi 1-best, and its ctm. */
    public static final String VITERBI_TRN = "viterbi.trn";
    public static final String VITERBI_CTM = "viterbi.ctm";
    public static final String LATTICES = "lattices";
    /** A rescored lattice's file in {@link #LATTICES}: SLF, or Kaldi text for a Kaldi input. */
    public static final String SLF_SUFFIX = ".slf.gz";
    public static final String KALDI_LATTICE_SUFFIX = ".lat.txt.gz";
    public static final String MESHES = "meshes";

    private OutputFiles() {
    }

    /** Whether a rescoring run writes this file of its folder (relative path, '/'-separated): the run's file set. */
    public static boolean owns(String relative) {
        return switch (relative) {
            case BEST_TRN, BEST_TEXT, BEFORE_TRN, BEST_CTM, NBEST_TSV, NBEST_RNNLM, NBEST_KALDI, ORACLE_TRN, VITERBI_TRN, VITERBI_CTM -> true;
            default -> inFolder(relative, LATTICES, SLF_SUFFIX) || inFolder(relative, LATTICES, KALDI_LATTICE_SUFFIX)
                    || inFolder(relative, MESHES, ".mesh") || inFolder(relative, MESHES, ".nbest") || inFolder(relative, NBEST_SRILM, ".nbest")
                    || inFolder(relative, NBEST_SRILM2, ".nbest");
        };
    }

    private static boolean inFolder(String relative, String folder, String suffix) {
        return relative.startsWith(folder + "/") && relative.endsWith(suffix) && relative.indexOf('/', folder.length() + 1) < 0;
    }

    /**
     * Writes the transcripts and N-best lists, and each utterance's confusion network when
     * {@code meshes}; the ctm's confidences are the words' posteriors through {@code confidences};
     * the Kaldi N-best's labels from {@code kaldiWords} (null: the words themselves).
     * Returns the number of utterances with times in the ctm.
     */
    public static int write(Path out, List<UtteranceResult> results, ScoreWeights weights, boolean meshes,
                            ConfidenceMap confidences, KaldiSymbols kaldiWords) {
        boolean consensus = results.stream().anyMatch(UtteranceResult::consensus);
        writeTrn(out.resolve(BEST_TRN), results, UtteranceResult::output);
        writeLines(out.resolve(BEST_TEXT), results, UtteranceResult::output, (id, words) -> String.join(" ", prepend(id, words)));
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
            writeRnnlmNBest(out, ids, lists);
            writeFile(out, NBEST_KALDI, w -> {
                for (int i = 0; i < ids.size(); i++) {
                    KaldiNBestWriter.write(w, ids.get(i), lists.get(i), weights, kaldiWords);
                }
            });
            writeSrilmNBest(out, ids, lists, weights);
        }
        if (meshes) {
            writeMeshes(out.resolve(MESHES), results);
        }
        if (consensus) {  // the MBR words where the lattices gave them times; the Viterbi path's beside them
            writeCtm(out.resolve(BEST_CTM), results, confidences, OutputFiles::consensusWords);
        }
        return writeCtm(out.resolve(consensus ? VITERBI_CTM : BEST_CTM), results, confidences, OutputFiles::viterbiWords);
    }

    private static void writeRnnlmNBest(Path out, List<String> ids, List<List<ScoredHypothesis>> lists) {
        writeFile(out, NBEST_RNNLM, w -> {
            for (int i = 0; i < ids.size(); i++) {
                for (ScoredHypothesis h : lists.get(i)) {
                    w.write(String.join(" ", prepend(ids.get(i), h.hypothesis().words())));
                    w.write('\n');
                }
            }
        });
    }

    /**
     * SRILM's N-best files, one per utterance ({@link SrilmNBestWriter}): the plain format in
     * {@link #NBEST_SRILM}, and NBestList2.0 in {@link #NBEST_SRILM2} for lists with word times.
     */
    private static void writeSrilmNBest(Path out, List<String> ids, List<List<ScoredHypothesis>> lists, ScoreWeights weights) {
        for (int i = 0; i < ids.size(); i++) {
            List<ScoredHypothesis> list = lists.get(i);
            writeFile(out.resolve(NBEST_SRILM), ids.get(i) + ".nbest", w -> SrilmNBestWriter.writePlain(w, list, weights));
            if (SrilmNBestWriter.hasTimes(list)) {
                writeFile(out.resolve(NBEST_SRILM2), ids.get(i) + ".nbest", w -> SrilmNBestWriter.writeNBestList2(w, list, weights));
            }
        }
    }

    private interface Content {
        void write(Writer w) throws IOException;
    }

    /** Writes {@code dir/name} atomically (creating {@code dir}). */
    private static void writeFile(Path dir, String name, Content content) {
        try {
            java.nio.file.Files.createDirectories(dir);
            try (AtomicOutput out = AtomicOutput.create(dir.resolve(name))) {
                content.write(out.writer());
                out.commit();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeMeshes(Path dir, List<UtteranceResult> results) {
        for (UtteranceResult r : results) {
            writeFile(dir, r.id() + ".mesh", w -> r.network().writeMesh(w, r.id()));
            // the network's own N-best, as many as the rescored list: 'ln-posterior words...' lines
            writeFile(dir, r.id() + ".nbest", w -> {
                for (ConfusionNetwork.MeshPath p : r.network().nbest(Math.max(1, r.nbest().size()))) {
                    w.write(String.format(Locale.ROOT, "%.6f", p.logPosterior()));
                    for (String word : p.words()) {
                        w.write(' ');
                        w.write(word);
                    }
                    w.write('\n');
                }
            });
        }
    }

    /** One sclite trn line: the words, then the id in parentheses. */
    public static String trnLine(String id, List<String> words) {
        return words.isEmpty() ? "(" + id + ")" : String.join(" ", words) + " (" + id + ")";
    }

    private static void writeTrn(Path file, List<UtteranceResult> results, Function<UtteranceResult, List<String>> words) {
        writeLines(file, results, words, OutputFiles::trnLine);
    }

    private static List<String> prepend(String id, List<String> words) {
        List<String> line = new ArrayList<>(words.size() + 1);
        line.add(id);
        line.addAll(words);
        return line;
    }

    /** One line per utterance, made by {@code format} from its id and words. */
    private static void writeLines(Path file, List<UtteranceResult> results, Function<UtteranceResult, List<String>> words,
                                   java.util.function.BiFunction<String, List<String>, String> format) {
        try (AtomicOutput out = AtomicOutput.create(file)) {
            Writer w = out.writer();
            for (UtteranceResult r : results) {
                List<String> line = words.apply(r);
                if (line == null) {
                    continue;  // e.g. no oracle for an utterance the reference lacks
                }
                w.write(format.apply(r.id(), line));
                w.write('\n');
            }
            out.commit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * NIST ctm: {@code utt channel start duration word confidence}, the confidence the word's
     * posterior in the utterance's confusion network (calibrated by the map); a word without a
     * known end gets duration 0. Utterances whose words ({@code wordsOf}, null) have no times are
     * left out; returns how many were written.
     */
    private static int writeCtm(Path file, List<UtteranceResult> results, ConfidenceMap confidences,
                                Function<UtteranceResult, List<ConfusionNetwork.Word>> wordsOf) {
        int timed = 0;
        try (AtomicOutput out = AtomicOutput.create(file)) {
            Writer w = out.writer();
            for (UtteranceResult r : results) {
                List<ConfusionNetwork.Word> words = wordsOf.apply(r);
                if (words == null) {
                    continue;
                }
                timed++;
                for (ConfusionNetwork.Word word : words) {
                    if (Double.isNaN(word.begin())) {
                        continue;
                    }
                    double duration = Double.isNaN(word.end()) ? 0 : Math.max(0, word.end() - word.begin());
                    w.write(String.format(Locale.ROOT, "%s 1 %.2f %.2f %s %.4f%n", r.id(), word.begin(), duration, word.word(),
                            Math.min(1, confidences.apply(word.posterior()))));
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

    /** The Viterbi best's words with their times and confidences; null when the input has no times. */
    private static List<ConfusionNetwork.Word> viterbiWords(UtteranceResult r) {
        Hypothesis h = r.best().hypothesis();
        if (!h.hasTimes()) {
            return null;
        }
        double[] confidence = r.confidences();
        List<ConfusionNetwork.Word> out = new ArrayList<>();
        int word = 0;  // index among the words, which the confidences follow
        for (int i = 0; i < h.tokens().size(); i++) {
            if (Tokens.isWord(h.tokens().get(i))) {
                out.add(new ConfusionNetwork.Word(h.tokens().get(i), confidence[word++], h.begin()[i], h.end()[i]));
            }
        }
        return out;
    }

    /** The MBR words with the times the lattice recursion averaged; null when some word has none. */
    private static List<ConfusionNetwork.Word> consensusWords(UtteranceResult r) {
        List<ConfusionNetwork.Word> words = r.network().consensus();
        return words.stream().allMatch(ConfusionNetwork.Word::hasTime) && r.best().hypothesis().hasTimes() ? words : null;
    }
}
