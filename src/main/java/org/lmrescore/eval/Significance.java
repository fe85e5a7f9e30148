package org.lmrescore.eval;

import org.lmrescore.util.Json;

import java.util.Locale;

/**
 * Compares two systems scored on the same reference with the paired tests sclite's
 * {@code sc_stats} offers: {@link Mapsswe} on word errors and {@link McNemar} on sentence errors.
 * Decisions are at the 95% level (two-sided).
 */
public final class Significance {
    /** Significance level of the reported decisions. */
    public static final double ALPHA = 0.05;

    private Significance() {
    }

    /** Both tests' outcomes for systems A and B. */
    public record Comparison(String titleA, String titleB, ErrorCounts a, ErrorCounts b,
                             Mapsswe.Result mapsswe, McNemar.Result mcnemar) {

        public Json toJson() {
            return new Json()
                    .put("alpha", ALPHA)
                    .put("mapsswe", mapsswe.toJson()
                            .put("significant", mapsswe.significant(ALPHA))
                            .put("better", better(mapsswe.significant(ALPHA), mapsswe.meanDifference())))
                    .put("mcnemar", mcnemar.toJson()
                            .put("significant", mcnemar.significant(ALPHA))
                            .put("better", better(mcnemar.significant(ALPHA), mcnemar.onlyB() - mcnemar.onlyA())));
        }

        /** A short human-readable report. */
        public String format() {
            StringBuilder out = new StringBuilder();
            out.append(String.format(Locale.ROOT, "Paired comparison: A = %s, B = %s%n", titleA, titleB));
            out.append(String.format(Locale.ROOT, "  WER  A %s  B %s   SER  A %s  B %s%n",
                    pct(a.wer()), pct(b.wer()), pct(a.ser()), pct(b.ser())));
            Mapsswe.Result m = mapsswe;
            out.append(String.format(Locale.ROOT,
                    "  MAPSSWE (segments: %s): %d segments, errors A %d B %d, mean A-B %.3f per segment (sd %.3f), z = %.3f, p = %s: %s%n",
                    m.segmentation() == Mapsswe.Segmentation.RUNS ? "runs of >= 2 correct words, as sclite" : "utterances",
                    m.segments(), m.errorsA(), m.errorsB(), m.meanDifference(), m.stdDev(), m.z(), p(m.pValue()),
                    decision(m.significant(ALPHA), m.meanDifference())));
            McNemar.Result c = mcnemar;
            out.append(String.format(Locale.ROOT,
                    "  McNemar (sentence errors, %s): only A right %d, only B right %d, both right %d, both wrong %d, p = %s: %s%n",
                    c.exact() ? "exact binomial" : String.format(Locale.ROOT, "chi-square %.3f with continuity correction", c.statistic()),
                    c.onlyA(), c.onlyB(), c.bothRight(), c.bothWrong(), p(c.pValue()),
                    decision(c.significant(ALPHA), c.onlyB() - c.onlyA())));
            return out.toString();
        }
    }

    /** Scores were computed against the same reference with the same scorer settings. */
    public static Comparison compare(ScoreReport a, ScoreReport b, Mapsswe.Segmentation segmentation) {
        return new Comparison(a.title(), b.title(), a.totals(), b.totals(),
                Mapsswe.test(a, b, segmentation), McNemar.test(a, b));
    }

    /** "A" or "B" for the better system when significant (positive difference: B better), else "none". */
    private static String better(boolean significant, double aMinusB) {
        if (!significant || aMinusB == 0) {
            return "none";
        }
        return aMinusB > 0 ? "B" : "A";
    }

    private static String decision(boolean significant, double aMinusB) {
        String who = better(significant, aMinusB);
        return who.equals("none") ? "no significant difference at 95%" : "significant at 95%, " + who + " better";
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f%%", v);
    }

    private static String p(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return v < 1e-4 ? String.format(Locale.ROOT, "%.2e", v) : String.format(Locale.ROOT, "%.4f", v);
    }
}
