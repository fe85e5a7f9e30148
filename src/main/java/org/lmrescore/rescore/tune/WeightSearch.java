package org.lmrescore.rescore.tune;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds the weights with the fewest word errors on a {@link TuningSet}. WER is piecewise constant
 * in the weights, so the search uses no derivatives: a coarse grid over every free weight, then
 * from the best few grid points a coordinate search that scans one weight at a time over its
 * whole range and then over shrinking windows around the current point. On a tie it moves to the
 * middle of the longest run of best values, so the chosen point sits inside a plateau of lowest
 * WER rather than on its edge (steadier on held-out data).
 */
public final class WeightSearch {
    /** Grid values per free weight: lmscale, wip, first-pass weight, lambda. */
    private static final int[] GRID = {13, 13, 4, 5};
    private static final int RESTARTS = 4;
    private static final int FULL_SCAN = 81;
    private static final int WINDOW_SCAN = 41;
    private static final int ZOOMS = 3;
    private static final int MAX_ROUNDS = 12;

    private final TuningSet set;
    private final SearchRange[] ranges;
    private long trials;

    /** The outcome: the point, its errors, and how many weight settings were tried. */
    public record Result(TuningPoint point, long errors, double wer, long trials) {
    }

    /** {@code ranges} in {@link TuningPoint} order; lambda's is ignored unless the set mixes RNNs with a backoff model. */
    public WeightSearch(TuningSet set, SearchRange[] ranges) {
        if (ranges.length != TuningPoint.DIMENSIONS) {
            throw new IllegalArgumentException("need " + TuningPoint.DIMENSIONS + " ranges");
        }
        this.set = set;
        this.ranges = ranges.clone();
        if (!set.hasMixWeight()) {
            this.ranges[3] = new SearchRange(ranges[3].clamp(0.5), ranges[3].clamp(0.5));
        }
    }

    public Result run() {
        List<Result> starts = grid();
        Result best = null;
        for (Result start : starts) {
            Result r = coordinateSearch(start);
            if (best == null || r.errors() < best.errors()) {
                best = r;
            }
        }
        return new Result(best.point(), best.errors(), set.percent(best.errors()), trials);
    }

    /** The best {@link #RESTARTS} points of the grid, fewest errors first. */
    List<Result> grid() {
        double[][] values = new double[TuningPoint.DIMENSIONS][];
        for (int d = 0; d < values.length; d++) {
            values[d] = ranges[d].values(GRID[d]);
        }
        List<Result> all = new ArrayList<>();
        for (double lambda : values[3]) {            // outermost: changing lambda re-mixes the LM scores
            for (double fpw : values[2]) {
                for (double lms : values[0]) {
                    for (double wip : values[1]) {
                        TuningPoint p = new TuningPoint(lms, wip, fpw, lambda);
                        all.add(new Result(p, count(p), 0, 0));
                    }
                }
            }
        }
        all.sort(Comparator.comparingLong(Result::errors));
        return all.subList(0, Math.min(RESTARTS, all.size()));
    }

    private Result coordinateSearch(Result start) {
        TuningPoint p = start.point();
        long errors = start.errors();
        for (int zoom = 0; zoom <= ZOOMS; zoom++) {
            for (int round = 0; round < MAX_ROUNDS; round++) {
                long before = errors;
                for (int d = 0; d < TuningPoint.DIMENSIONS; d++) {
                    if (ranges[d].fixed()) {
                        continue;
                    }
                    SearchRange window = window(d, p.get(d), zoom);
                    double[] values = window.values(zoom == 0 ? FULL_SCAN : WINDOW_SCAN);
                    long[] e = new long[values.length];
                    long min = Long.MAX_VALUE;
                    for (int i = 0; i < values.length; i++) {
                        e[i] = count(p.with(d, values[i]));
                        min = Math.min(min, e[i]);
                    }
                    if (min <= errors) {
                        p = p.with(d, middleOfLongestRun(values, e, min));
                        errors = count(p);
                    }
                }
                if (errors >= before) {
                    break;
                }
            }
        }
        return new Result(p, errors, set.percent(errors), 0);
    }

    private SearchRange window(int d, double centre, int zoom) {
        SearchRange r = ranges[d];
        if (zoom == 0) {
            return r;
        }
        double half = r.width() / Math.pow(4, zoom) / 2;
        return new SearchRange(r.clamp(centre - half), r.clamp(centre + half));
    }

    /** The middle scanned value of the longest run of consecutive scanned values with {@code min} errors. */
    static double middleOfLongestRun(double[] values, long[] errors, long min) {
        int bestStart = -1;
        int bestLength = 0;
        for (int i = 0; i < values.length; ) {
            if (errors[i] != min) {
                i++;
                continue;
            }
            int j = i;
            while (j < values.length && errors[j] == min) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        return values[bestStart + (bestLength - 1) / 2];
    }

    private long count(TuningPoint p) {
        trials++;
        return set.errors(p);
    }
}
