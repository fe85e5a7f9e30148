package org.lmrescore.rescore;

import org.lmrescore.eval.Mapsswe;
import org.lmrescore.eval.ScoreReport;
import org.lmrescore.eval.Significance;
import org.lmrescore.eval.TranscriptReader;
import org.lmrescore.eval.Transcripts;
import org.lmrescore.eval.WerScorer;
import org.lmrescore.eval.Aligner;
import org.lmrescore.eval.SpeakerRule;
import org.lmrescore.eval.TokenFilter;
import org.lmrescore.lattice.ScoreWeights;
import org.lmrescore.util.Json;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Tuning on one part of a development set and testing on the other: the chosen weights, the WER
 * surface of the grid, and on the held-out part the WER before (the first pass's 1-best: a
 * baseline file or each list's top hypothesis) and after re-ranking with the chosen weights, with
 * the MAPSSWE and McNemar comparison from the {@code wer} code.
 */
public final class TuningReport {
    private final Tuner.Result result;
    private final TuningSet tuned;
    private final TuningSet heldOut;
    private final ScoreReport before;
    private final ScoreReport after;
    private final Significance.Comparison comparison;

    private TuningReport(Tuner.Result result, TuningSet tuned, TuningSet heldOut, ScoreReport before, ScoreReport after,
                         Significance.Comparison comparison) {
        this.result = result;
        this.tuned = tuned;
        this.heldOut = heldOut;
        this.before = before;
        this.after = after;
        this.comparison = comparison;
    }

    /** {@code baseline} may be null (then each list's first hypothesis is "before"). */
    public static TuningReport of(Tuner.Result result, TuningSet tuned, TuningSet heldOut, ScoreWeights base,
                                  Path ref, Path baseline) {
        Transcripts allRef = TranscriptReader.read(ref);
        Transcripts baselineHyp = baseline == null ? null : TranscriptReader.read(baseline);
        Transcripts.Builder r = Transcripts.builder();
        Transcripts.Builder b = Transcripts.builder();
        Transcripts.Builder a = Transcripts.builder();
        Tuner.Point p = result.best();
        ScoreWeights chosen = Tuner.weights(base, p.lmScale(), p.wordPenalty(), p.firstPassWeight());
        for (TuningSet.Entry e : heldOut.entries()) {
            r.add(e.id(), allRef.words(e.id()));
            List<String> first = baselineHyp != null ? baselineHyp.words(e.id()) : e.items().get(0).words();
            if (first != null) {
                b.add(e.id(), first);
            }
            a.add(e.id(), e.choose(chosen).words());
        }
        WerScorer scorer = new WerScorer(TokenFilter.NONE, SpeakerRule.DEFAULT, Aligner.SCLITE, true);
        Transcripts reference = r.build();
        ScoreReport before = scorer.score(reference, b.build(), baseline != null ? baseline.getFileName().toString() : "first pass");
        ScoreReport after = scorer.score(reference, a.build(), "tuned");
        return new TuningReport(result, tuned, heldOut, before, after,
                Significance.compare(before, after, Mapsswe.Segmentation.RUNS));
    }

    public Json toJson() {
        Tuner.Point p = result.best();
        return new Json()
                .put("lmscale", round(p.lmScale()))
                .put("wip", round(p.wordPenalty()))
                .put("first_pass_weight", round(p.firstPassWeight()))
                .put("tune_utterances", tuned.entries().size())
                .put("tune_wer", round(p.wer()))
                .put("heldout_utterances", heldOut.entries().size())
                .put("heldout_words", after.totals().n())
                .put("wer_before", round(before.totals().wer()))
                .put("wer_after", round(after.totals().wer()))
                .put("significance", comparison.toJson());
    }

    public String format() {
        Tuner.Point p = result.best();
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "tuned on %d utterances: %d grid points, %d evaluations in all%n",
                tuned.entries().size(), result.grid().size(), result.evaluations()));
        s.append(String.format(Locale.ROOT, "chosen: --lmscale %.3f --wip %.3f --first-pass-weight %.3f (tuning WER %.2f%%)%n",
                p.lmScale(), p.wordPenalty(), p.firstPassWeight(), p.wer()));
        s.append(surface(p.firstPassWeight()));
        s.append(String.format(Locale.ROOT, "held out %d utterances, %d words: WER before %.2f%% (%s) -> after %.2f%%%n",
                heldOut.entries().size(), after.totals().n(), before.totals().wer(), before.title(), after.totals().wer()));
        s.append(comparison.format());
        return s.toString().stripTrailing();
    }

    /** The grid's WER by lmscale (rows) and penalty (columns) at the grid first-pass weight nearest the chosen one. */
    private String surface(double firstPass) {
        double nearest = Double.NaN;
        for (Tuner.Point g : result.grid()) {
            if (Double.isNaN(nearest) || Math.abs(g.firstPassWeight() - firstPass) < Math.abs(nearest - firstPass)) {
                nearest = g.firstPassWeight();
            }
        }
        List<Double> scales = new ArrayList<>();
        List<Double> penalties = new ArrayList<>();
        for (Tuner.Point g : result.grid()) {
            if (g.firstPassWeight() == nearest) {
                if (!scales.contains(g.lmScale())) {
                    scales.add(g.lmScale());
                }
                if (!penalties.contains(g.wordPenalty())) {
                    penalties.add(g.wordPenalty());
                }
            }
        }
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "WER surface of the grid (first-pass weight %.2f): rows lmscale, columns wip%n%8s", nearest, ""));
        for (double p : penalties) {
            s.append(String.format(Locale.ROOT, "%8.2f", p));
        }
        s.append('\n');
        for (double sc : scales) {
            s.append(String.format(Locale.ROOT, "%8.2f", sc));
            for (double p : penalties) {
                for (Tuner.Point g : result.grid()) {
                    if (g.firstPassWeight() == nearest && g.lmScale() == sc && g.wordPenalty() == p) {
                        s.append(String.format(Locale.ROOT, "%8.2f", g.wer()));
                    }
                }
            }
            s.append('\n');
        }
        return s.toString();
    }

    private static double round(double x) {
        return Math.round(x * 1000) / 1000.0;
    }
}
