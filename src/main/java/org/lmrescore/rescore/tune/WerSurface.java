package org.lmrescore.rescore.tune;

import java.util.Locale;

/**
 * WER over a grid of lmscale x word insertion penalty with the other weights held at a point:
 * the summary {@code tune} prints so one sees how flat the optimum is.
 */
public final class WerSurface {
    private WerSurface() {
    }

    /** A table: one row per lmscale, one column per penalty, the chosen point's own row and column marked. */
    public static String table(TuningSet set, TuningPoint at, SearchRange lmScales, SearchRange wips, int rows, int columns) {
        double[] ls = withPoint(lmScales.values(rows), at.lmScale());
        double[] ws = withPoint(wips.values(columns), at.wip());
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "WER %% by lmscale (rows) x wip (columns), first-pass-weight %s%s%n",
                TuningPoint.number(at.firstPassWeight()), set.hasMixWeight() ? ", lambda " + TuningPoint.number(at.rnnWeight()) : ""));
        s.append(String.format(Locale.ROOT, "%9s", "lms\\wip"));
        for (double w : ws) {
            s.append(String.format(Locale.ROOT, "%8s", (w == at.wip() ? "*" : "") + TuningPoint.number(round(w))));
        }
        s.append('\n');
        for (double l : ls) {
            s.append(String.format(Locale.ROOT, "%9s", (l == at.lmScale() ? "*" : "") + TuningPoint.number(round(l))));
            for (double w : ws) {
                s.append(String.format(Locale.ROOT, "%8.2f", set.wer(new TuningPoint(l, w, at.firstPassWeight(), at.rnnWeight()))));
            }
            s.append('\n');
        }
        return s.toString();
    }

    /** The grid values with {@code x} inserted in order (unless already there). */
    private static double[] withPoint(double[] grid, double x) {
        for (double g : grid) {
            if (g == x) {
                return grid;
            }
        }
        double[] out = new double[grid.length + 1];
        int j = 0;
        boolean placed = false;
        for (double g : grid) {
            if (!placed && x < g) {
                out[j++] = x;
                placed = true;
            }
            out[j++] = g;
        }
        if (!placed) {
            out[j] = x;
        }
        return out;
    }

    private static double round(double x) {
        return Math.round(x * 100) / 100.0;
    }
}
