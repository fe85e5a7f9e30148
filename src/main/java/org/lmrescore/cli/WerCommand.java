package org.lmrescore.cli;

import org.lmrescore.eval.Aligner;
import org.lmrescore.eval.ConfidenceScore;
import org.lmrescore.eval.CtmReader;
import org.lmrescore.eval.Mapsswe;
import org.lmrescore.eval.PraWriter;
import org.lmrescore.eval.ScoreReport;
import org.lmrescore.eval.Significance;
import org.lmrescore.eval.SpeakerRule;
import org.lmrescore.eval.SummaryTable;
import org.lmrescore.eval.TokenFilter;
import org.lmrescore.eval.TranscriptFormat;
import org.lmrescore.eval.TranscriptReader;
import org.lmrescore.eval.Transcripts;
import org.lmrescore.eval.WerScorer;
import org.lmrescore.util.InputFormatException;
import org.lmrescore.util.Json;
import org.lmrescore.util.Log;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code wer}: word error rate like NIST sclite, and paired significance tests between two systems. */
@Command(name = "wer",
        sortOptions = false,
        description = {
            "Word error rate like NIST sclite: minimum edit distance with sclite's costs (correct 0, "
                    + "insertion 3, deletion 3, substitution 4); N, Corr, Sub, Del, Ins, WER = (S+D+I)/N, "
                    + "sentence error rate, per-speaker table, per-utterance alignments.",
            "Inputs: sclite trn 'words (uttid)', plain 'uttid words...' lines, HTK MLF, or NIST ctm; utterances "
                    + "are matched by id. A reference utterance without hypothesis counts as all deletions (with a warning). "
                    + "A ctm hypothesis with confidences also gets their normalised cross entropy (NCE), as sclite reports it.",
            "With --hyp2, the two systems are compared with the MAPSSWE test on word errors and McNemar's "
                    + "test on sentence errors: p-values and the decision at 95%%.",
            "",
        },
        footer = {
            "",
            "Examples:",
            "  wer --ref ref.trn --hyp hyp.trn",
            "  wer --ref ref.trn --hyp hyp.trn --json",
            "      {\"n\": 4765, \"corr\": 3840, \"sub\": 797, \"del\": 128, \"ins\": 171, \"err\": 1096,",
            "       \"wer\": 23.00..., \"sentences\": 539, \"sentence_errors\": 399,",
            "       \"ser\": 74.03..., \"missing\": 0, \"unknown\": 0}",
            "  wer --ref ref.mlf --hyp decoded.mlf --ignore-fillers \\",
            "          --pra align.pra",
            "  wer --ref ref.trn --hyp baseline.trn --hyp2 rescored.trn",
            "  wer --ref ref.trn --hyp out/best.ctm      (the rescored 1-best's confidences: NCE)",
            "  wer --ref data/test/text --hyp exp/tri3/decode/scoring/10.tra.txt --kaldi",
            "      %%WER 19.35 [ 922 / 4765, 122 ins, 134 del, 666 sub ] ...",
            "  wer --ref ref.trn --hyp hyp.trn --speaker-regex '^(\\w+?)_'",
            "",
            "Exit status: 0 success, 2 bad input (the message names file and line).",
        })
public final class WerCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(names = "--ref", required = true, paramLabel = "FILE", description = "Reference transcripts.")
    Path ref;

    @Option(names = "--hyp", required = true, paramLabel = "FILE", description = "Hypothesis transcripts (system A).")
    Path hyp;

    @Option(names = "--hyp2", paramLabel = "FILE",
            description = "Second hypothesis set (system B): also score it and run the significance tests A vs B.")
    Path hyp2;

    @Option(names = "--format", paramLabel = "FMT", defaultValue = "auto",
            description = "Input format of all files: auto, trn, plain, mlf or ctm (default: ${DEFAULT-VALUE}; auto reads "
                    + "#!MLF!# as MLF, a first line ending in '(id)' as trn, 'utt channel start duration word [conf]' as ctm, "
                    + "else plain). A ctm hypothesis with a confidence column also gets the confidences' NCE.")
    TranscriptFormat format;

    @Option(names = "--case-sensitive", description = "Compare words case-sensitively (sclite -s); by default case is folded, as sclite does.")
    boolean caseSensitive;

    @Option(names = "--ignore-case", hidden = true, description = "Fold case: the default now, kept for scripts.")
    boolean ignoreCase;

    @Option(names = "--ignore-fillers",
            description = "Drop filler and noise tokens on both sides: <...> (e.g. <sil> <s> </s>), [...] (e.g. [noise]), "
                    + "++...++, !NULL !ENTER !EXIT, plus any --filler pattern.")
    boolean ignoreFillers;

    @Option(names = "--filler", paramLabel = "REGEX",
            description = "Also drop tokens matching this regular expression entirely (repeatable; implies --ignore-fillers).")
    List<String> fillers = new ArrayList<>();

    @Option(names = "--speaker-regex", paramLabel = "REGEX", defaultValue = SpeakerRule.DEFAULT_REGEX,
            description = "Speaker of an utterance id: group 1 of this regex (default '${DEFAULT-VALUE}': the part "
                    + "before the first _ or -). The per-speaker table shows when there are several speakers.")
    String speakerRegex;

    @Option(names = "--allow-unknown",
            description = "Ignore hypothesis utterances whose id is not in the reference (default: an error).")
    boolean allowUnknown;

    @Option(names = "--segments", paramLabel = "HOW", defaultValue = "runs",
            description = "MAPSSWE segments: runs (errors separated by >= 2 words correct in both systems, as sclite) "
                    + "or utterances (default: ${DEFAULT-VALUE}).")
    Mapsswe.Segmentation segmentation;

    @Option(names = "--kaldi", description = "Print Kaldi's compute-wer summary (%%WER ... [ E / N, I ins, D del, S sub ], "
            + "%%SER, sentences scored) instead of sclite's table.")
    boolean kaldi;

    @Option(names = "--json", description = "Print one JSON object (n corr sub del ins err wer sentences sentence_errors ser ...).")
    boolean json;

    @Option(names = "--pra", paramLabel = "FILE", description = "Write per-utterance alignments (sclite pra style) of --hyp.")
    Path pra;

    @Option(names = "--pra2", paramLabel = "FILE", description = "Write per-utterance alignments of --hyp2.")
    Path pra2;

    @Override
    public Integer call() {
        if (pra2 != null && hyp2 == null) {
            throw new InputFormatException("--pra2 writes the alignments of --hyp2; give --hyp2 as well");
        }
        List<String> patterns = new ArrayList<>();
        if (ignoreFillers || !fillers.isEmpty()) {
            patterns.addAll(TokenFilter.DEFAULT_FILLERS);
            patterns.addAll(fillers);
        }
        if (caseSensitive && ignoreCase) {
            throw new InputFormatException("--case-sensitive and --ignore-case contradict each other; give one");
        }
        WerScorer scorer = new WerScorer(TokenFilter.of(!caseSensitive, patterns), SpeakerRule.of(speakerRegex),
                Aligner.SCLITE, allowUnknown);
        Transcripts refs = TranscriptReader.read(ref, format);
        Log.info("read %,d reference utterances (%,d words) from %s", refs.size(), refs.wordCount(), ref);
        TokenFilter filter = TokenFilter.of(!caseSensitive, patterns);
        ScoreReport a = score(scorer, refs, hyp, pra);
        ScoreReport b = hyp2 == null ? null : score(scorer, refs, hyp2, pra2);
        ConfidenceScore confA = confidences(hyp, a, filter);
        ConfidenceScore confB = hyp2 == null ? null : confidences(hyp2, b, filter);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Json result = a.toJson();
            if (confA != null) {
                result.put("confidence", confA.toJson());
            }
            if (b != null) {
                Significance.Comparison c = Significance.compare(a, b, segmentation);
                Json second = b.toJson();
                if (confB != null) {
                    second.put("confidence", confB.toJson());
                }
                result.put("hyp2", second).put("significance", c.toJson());
            }
            out.println(result);
        } else if (kaldi) {
            out.print(a.totals().kaldiSummary(a.missingHypotheses().size()));
            if (b != null) {
                out.print(b.totals().kaldiSummary(b.missingHypotheses().size()));
            }
        } else {
            out.print(SummaryTable.format(a));
            if (confA != null) {
                out.print(confA.format());
            }
            if (b != null) {
                out.println();
                out.print(SummaryTable.format(b));
                if (confB != null) {
                    out.print(confB.format());
                }
                out.println();
                out.print(Significance.compare(a, b, segmentation).format());
            }
        }
        out.flush();
        return 0;
    }

    private ScoreReport score(WerScorer scorer, Transcripts refs, Path file, Path praFile) {
        Transcripts hyps = TranscriptReader.read(file, format);
        Log.info("read %,d hypothesis utterances from %s", hyps.size(), file);
        ScoreReport report = scorer.score(refs, hyps);
        warnAbout(report, file);
        if (praFile != null) {
            PraWriter.write(report, praFile);
            Log.info("wrote alignments to %s", praFile);
        }
        Log.info("%s: WER %.2f%% (%d errors / %d words)", file, report.totals().wer(), report.totals().errors(),
                report.totals().n());
        return report;
    }

    /** The NCE of a ctm hypothesis file's confidence column, null for other files and ctm files without one. */
    private ConfidenceScore confidences(Path file, ScoreReport report, TokenFilter filter) {
        Map<String, List<CtmReader.Entry>> ctm = CtmReader.readIfCtm(file, format);
        return ctm == null ? null : ConfidenceScore.of(ctm, report, filter);
    }

    private static void warnAbout(ScoreReport report, Path file) {
        List<String> missing = report.missingHypotheses();
        if (!missing.isEmpty()) {
            Log.warn("%s: %d reference utterance(s) have no hypothesis and count as all deletions: %s",
                    file, missing.size(), preview(missing));
        }
        List<String> unknown = report.unknownHypotheses();
        if (!unknown.isEmpty()) {
            Log.warn("%s: ignored %d utterance(s) not in the reference: %s", file, unknown.size(), preview(unknown));
        }
    }

    private static String preview(List<String> ids) {
        int shown = Math.min(ids.size(), 10);
        String list = String.join(" ", ids.subList(0, shown));
        return shown < ids.size() ? list + " ... (" + (ids.size() - shown) + " more)" : list;
    }
}
