package org.lmrescore.rescore;

import org.lmrescore.eval.Aligner;
import org.lmrescore.eval.Mapsswe;
import org.lmrescore.eval.ScoreReport;
import org.lmrescore.eval.Significance;
import org.lmrescore.eval.SpeakerRule;
import org.lmrescore.eval.TokenFilter;
import org.lmrescore.eval.TranscriptReader;
import org.lmrescore.eval.Transcripts;
import org.lmrescore.eval.WerScorer;
import org.lmrescore.util.Json;
import org.lmrescore.util.Log;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What a rescoring run did and, with a reference, what it gained: WER before (the first pass's
 * 1-best: a given baseline file such as Sphinx's hyp.trn, else the input's best path or top
 * hypothesis) and after, MAPSSWE significance of the change, and the oracle WER of the inputs
 * (lattice or N-best). WERs are percentages from the {@code wer} scorer (sclite alignment);
 * utterances that failed count as all deletions, as a missing hypothesis does.
 */
public final class RunSummary {
    private final BatchRescorer.Outcome outcome;
    private final long oovs;
    private final ScoreReport before;
    private final ScoreReport after;
    private final ScoreReport oracle;
    private final Significance.Comparison comparison;

    private RunSummary(BatchRescorer.Outcome outcome, long oovs, ScoreReport before, ScoreReport after,
                       ScoreReport oracle, Significance.Comparison comparison) {
        this.outcome = outcome;
        this.oovs = oovs;
        this.before = before;
        this.after = after;
        this.oracle = oracle;
        this.comparison = comparison;
    }

    /** Reference words by utterance id (any format the {@code wer} command reads). */
    public static Map<String, List<String>> readReferences(Path ref) {
        return TranscriptReader.read(ref).asMap();
    }

    /** {@code ref} and {@code baseline} may be null. */
    public static RunSummary of(BatchRescorer.Outcome outcome, Scorer scorer, Path ref, Path baseline) {
        return of(outcome, scorer.oovCount(), ref, baseline);
    }

    /** {@code oovs}: the words the models could not score, over the run (summed over its scorers). */
    public static RunSummary of(BatchRescorer.Outcome outcome, long oovs, Path ref, Path baseline) {
        if (ref == null) {
            return new RunSummary(outcome, oovs, null, null, null, null);
        }
        WerScorer wer = new WerScorer(TokenFilter.SCLITE, SpeakerRule.DEFAULT, Aligner.SCLITE, true);
        // WER before and after over the same utterances: those rescored (a failed or absent file
        // would otherwise count as all deletions after but not before).
        Set<String> rescored = new HashSet<>();
        outcome.results().forEach(r -> rescored.add(r.id()));
        Transcripts fullReference = TranscriptReader.read(ref);
        Transcripts reference = restricted(fullReference, rescored);
        if (reference.size() < fullReference.size()) {
            Log.warn("%d of %d reference utterances were not rescored (no input or a failed file); WER is over the other %d",
                    fullReference.size() - reference.size(), fullReference.size(), reference.size());
        }
        Transcripts beforeHyp = baseline != null ? restricted(TranscriptReader.read(baseline), rescored)
                : transcripts(outcome.results(), UtteranceResult::before);
        ScoreReport b = wer.score(reference, beforeHyp, baseline != null ? baseline.getFileName().toString() : "first pass");
        ScoreReport a = wer.score(reference, transcripts(outcome.results(), UtteranceResult::output), "rescored");
        ScoreReport o = wer.score(reference, transcripts(outcome.results(), UtteranceResult::oracle), "oracle");
        Significance.Comparison c = Significance.compare(b, a, Mapsswe.Segmentation.RUNS);
        return new RunSummary(outcome, oovs, b, a, o, c);
    }

    private static Transcripts restricted(Transcripts all, Set<String> ids) {
        Transcripts.Builder t = Transcripts.builder(all.source());
        for (String id : all.ids()) {
            if (ids.contains(id)) {
                t.add(id, all.words(id), all.lineOf(id));
            }
        }
        return t.build();
    }

    private static Transcripts transcripts(List<UtteranceResult> results, Function<UtteranceResult, List<String>> words) {
        Transcripts.Builder t = Transcripts.builder();
        for (UtteranceResult r : results) {
            List<String> w = words.apply(r);
            if (w != null) {
                t.add(r.id(), w);
            }
        }
        return t.build();
    }

    public Json toJson() {
        Json j = new Json()
                .put("utterances", outcome.results().size())
                .put("failed_files", outcome.failures().size())
                .put("seconds", round(outcome.seconds()))
                .put("lattice_lm_lookups", lmLookups())
                .put("oov_charges", oovs);
        if (after != null) {
            j.put("reference_words", after.totals().n())
                    .put("wer_before", round(before.totals().wer()))
                    .put("wer_after", round(after.totals().wer()))
                    .put("oracle_wer", round(oracle.totals().wer()))
                    .put("significance", comparison.toJson());
        }
        List<String> failed = new ArrayList<>();
        for (BatchRescorer.Failure f : outcome.failures()) {
            failed.add(f.message());
        }
        j.put("failures", failed);
        List<String> fellBack = new ArrayList<>();
        for (UtteranceResult r : outcome.results()) {
            if (r.fallback() != UtteranceResult.Fallback.NONE) {
                fellBack.add(r.id() + ": " + r.fallback().label());
            }
        }
        j.put("fallbacks", fellBack);
        return j;
    }

    /** A few human-readable lines. */
    public String format() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "rescored %d utterances in %.1f s; %d files failed%n",
                outcome.results().size(), outcome.seconds(), outcome.failures().size()));
        for (BatchRescorer.Failure f : outcome.failures()) {
            s.append("  failed: ").append(f.message()).append('\n');
        }
        for (UtteranceResult r : outcome.results()) {
            if (r.fallback() != UtteranceResult.Fallback.NONE) {
                s.append("  over the expansion budget: ").append(r.id()).append(" rescored ")
                        .append(r.fallback() == UtteranceResult.Fallback.PRUNED ? "with harder pruning" : "as its N-best list")
                        .append('\n');
            }
        }
        if (after != null) {
            s.append(String.format(Locale.ROOT, "WER before %.2f%% (%s) -> after %.2f%%; oracle %.2f%%; %d reference words%n",
                    before.totals().wer(), before.title(), after.totals().wer(), oracle.totals().wer(), after.totals().n()));
            s.append(comparison.format());
        }
        return s.toString().stripTrailing();
    }

    private long lmLookups() {
        long n = 0;
        for (UtteranceResult r : outcome.results()) {
            n += Math.max(0, r.lmCalls());
        }
        return n;
    }

    private static double round(double x) {
        return Math.round(x * 1000) / 1000.0;
    }
}
