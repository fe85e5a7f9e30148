package org.lmrescore.eval;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.lmrescore.util.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The matched-pair sentence-segment word error test (MAPSSWE) of Gillick and Cox (1989), as NIST
 * sclite's {@code sc_stats -t mapsswe} runs it. The test set is cut into segments; for segment i,
 * Z_i is the number of errors (S + D + I) of system A minus that of system B. Under the null
 * hypothesis the Z_i have mean 0; with mean m, sample variance s^2 (divisor n - 1) and n segments,
 * W = m / (s / sqrt n) is standard normal for large n, and the two-sided p-value is
 * 2 (1 - Phi(|W|)).
 *
 * <p>Segments ({@link Segmentation#RUNS}, the default, as sclite): within an utterance, the
 * errors of either system are grouped, and a new segment starts only after at least
 * {@code minGood} (sclite: 2) consecutive reference words that both systems recognised correctly
 * with no insertion between them, so that errors in different segments are plausibly independent.
 * {@link Segmentation#UTTERANCES} makes each utterance one segment. In both, segments where
 * neither system makes an error are left out (they carry no evidence, and sclite drops them).
 * When all Z_i are equal, W is 0 if they are 0 and infinite otherwise.
 */
public final class Mapsswe {
    /** How the test set is cut into segments. */
    public enum Segmentation { RUNS, UTTERANCES }

    /** sclite's minimum number of correct words separating two segments. */
    public static final int SCLITE_MIN_GOOD = 2;

    private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);

    private Mapsswe() {
    }

    /** The errors of both systems in one segment. */
    public record Segment(int errorsA, int errorsB) {
    }

    /** The test's outcome; {@code meanDifference} is errors of A minus errors of B per segment. */
    public record Result(Segmentation segmentation, int segments, long errorsA, long errorsB,
                         double meanDifference, double stdDev, double z, double pValue) {
        /** Whether the difference is significant at level {@code alpha} (two-sided). */
        public boolean significant(double alpha) {
            return !Double.isNaN(pValue) && pValue < alpha;
        }

        public Json toJson() {
            return new Json()
                    .put("segmentation", segmentation.name().toLowerCase(Locale.ROOT))
                    .put("segments", segments)
                    .put("errors_a", errorsA)
                    .put("errors_b", errorsB)
                    .put("mean_difference", meanDifference)
                    .put("std_dev", stdDev)
                    .put("z", z)
                    .put("p", pValue);
        }
    }

    /** Runs the test on two reports of the same reference (same utterances, same reference words). */
    public static Result test(ScoreReport a, ScoreReport b, Segmentation segmentation) {
        List<UtteranceScore> ua = a.utterances();
        List<UtteranceScore> ub = b.utterances();
        Comparisons.requireSameReference(a, b);
        List<Segment> segments = new ArrayList<>();
        for (int u = 0; u < ua.size(); u++) {
            Alignment x = ua.get(u).alignment();
            Alignment y = ub.get(u).alignment();
            if (segmentation == Segmentation.UTTERANCES) {
                if (x.errors() > 0 || y.errors() > 0) {
                    segments.add(new Segment(x.errors(), y.errors()));
                }
            } else {
                segments.addAll(segments(x, y, SCLITE_MIN_GOOD));
            }
        }
        return test(segments, segmentation);
    }

    /** The statistic over given segments. */
    public static Result test(List<Segment> segments, Segmentation segmentation) {
        int n = segments.size();
        long ea = 0;
        long eb = 0;
        double sum = 0;
        for (Segment s : segments) {
            ea += s.errorsA();
            eb += s.errorsB();
            sum += s.errorsA() - s.errorsB();
        }
        if (n < 2) {
            double mean = n == 0 ? 0 : sum / n;
            return new Result(segmentation, n, ea, eb, mean, Double.NaN, Double.NaN, Double.NaN);
        }
        double mean = sum / n;
        double squares = 0;
        for (Segment s : segments) {
            double d = s.errorsA() - s.errorsB() - mean;
            squares += d * d;
        }
        double variance = squares / (n - 1);
        double z;
        if (variance == 0) {
            z = mean == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, mean);
        } else {
            z = mean / Math.sqrt(variance / n);
        }
        double p = 2 * NORMAL.cumulativeProbability(-Math.abs(z));
        return new Result(segmentation, n, ea, eb, mean, Math.sqrt(variance), z, Math.min(1.0, p));
    }

    /**
     * sclite's segmentation of one utterance aligned by two systems: groups of errors separated by
     * at least {@code minGood} reference words correct in both, with no insertion among them.
     */
    public static List<Segment> segments(Alignment a, Alignment b, int minGood) {
        ByReferenceWord x = new ByReferenceWord(a);
        ByReferenceWord y = new ByReferenceWord(b);
        List<Segment> out = new ArrayList<>();
        int errA = 0;
        int errB = 0;
        int run = 0;
        int n = x.length();
        for (int k = 0; k <= n; k++) {
            // the gap before reference word k (k == n: after the last word)
            int insA = x.insertionsBefore(k);
            int insB = y.insertionsBefore(k);
            if (insA + insB > 0) {
                if (errA + errB > 0 && run >= minGood) {
                    out.add(new Segment(errA, errB));
                    errA = 0;
                    errB = 0;
                }
                errA += insA;
                errB += insB;
                run = 0;
            }
            if (k == n) {
                break;
            }
            boolean okA = x.correct(k);
            boolean okB = y.correct(k);
            if (okA && okB) {
                run++;
            } else {
                if (errA + errB > 0 && run >= minGood) {
                    out.add(new Segment(errA, errB));
                    errA = 0;
                    errB = 0;
                }
                errA += okA ? 0 : 1;
                errB += okB ? 0 : 1;
                run = 0;
            }
        }
        if (errA + errB > 0) {
            out.add(new Segment(errA, errB));
        }
        return out;
    }

    /** An alignment indexed by reference word: correct or not, and insertions in each gap. */
    private static final class ByReferenceWord {
        private final boolean[] correct;
        private final int[] insertions;

        ByReferenceWord(Alignment a) {
            correct = new boolean[a.refLength()];
            insertions = new int[a.refLength() + 1];
            int k = 0;
            for (EditOp op : a.ops()) {
                if (op == EditOp.INSERTION) {
                    insertions[k]++;
                } else {
                    correct[k++] = op == EditOp.CORRECT;
                }
            }
        }

        int length() {
            return correct.length;
        }

        boolean correct(int k) {
            return correct[k];
        }

        int insertionsBefore(int k) {
            return insertions[k];
        }
    }
}
