package org.lmrescore.rescore;

import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;
import org.lmrescore.lattice.ScoreWeights;

import java.util.ArrayList;
import java.util.List;

/**
 * Chooses the LM scale, word insertion penalty and first-pass LM weight that minimise WER on a
 * {@link TuningSet}: a grid first, then a Nelder-Mead search from the best grid point (WER is a
 * step function of the weights, so the simplex starts wide, one grid step, and only a strictly
 * better point replaces the grid's). Other weights (acoustic scale, fillers, OOV charge) stay
 * as given.
 */
public final class Tuner {
    /** One evaluated point. */
    public record Point(double lmScale, double wordPenalty, double firstPassWeight, double wer) {
    }

    /** The chosen point and every grid point (the WER surface). */
    public record Result(Point best, List<Point> grid, int evaluations) {
    }

    private Tuner() {
    }

    public static Result tune(TuningSet set, ScoreWeights base, double[] lmScales, double[] penalties,
                              double[] firstPassWeights) {
        List<Point> grid = new ArrayList<>();
        Point best = null;
        for (double fp : firstPassWeights) {
            for (double s : lmScales) {
                for (double p : penalties) {
                    Point pt = new Point(s, p, fp, set.wer(weights(base, s, p, fp)));
                    grid.add(pt);
                    if (best == null || pt.wer() < best.wer()) {
                        best = pt;
                    }
                }
            }
        }
        int[] evaluations = {grid.size()};
        double[] start = {best.lmScale(), best.wordPenalty(), best.firstPassWeight()};
        double[] step = {step(lmScales), step(penalties), Math.max(step(firstPassWeights), 0.05)};
        boolean tuneFirstPass = firstPassWeights.length > 1;
        SimplexOptimizer optimizer = new SimplexOptimizer(1e-4, 1e-6);
        PointValuePair found;
        try {
            found = optimizer.optimize(
                new MaxEval(400),
                new ObjectiveFunction(x -> {
                    evaluations[0]++;
                    if (x[0] < 0 || (tuneFirstPass && x[2] < 0)) {
                        return 100 + Math.abs(x[0]);
                    }
                    return set.wer(weights(base, x[0], x[1], tuneFirstPass ? x[2] : start[2]));
                }),
                GoalType.MINIMIZE,
                new InitialGuess(start),
                new NelderMeadSimplex(step));
        } catch (TooManyEvaluationsException e) {
            return new Result(best, grid, evaluations[0]); // the simplex wandered on a flat surface: keep the grid's point
        }
        double[] x = found.getPoint();
        if (found.getValue() < best.wer()) {
            best = new Point(x[0], x[1], tuneFirstPass ? x[2] : start[2], found.getValue());
        }
        return new Result(best, grid, evaluations[0]);
    }

    public static ScoreWeights weights(ScoreWeights base, double lmScale, double wordPenalty, double firstPassWeight) {
        return new ScoreWeights(base.acousticScale(), lmScale, wordPenalty, firstPassWeight, base.scoreFillers(),
                base.oovLogProb());
    }

    private static double step(double[] values) {
        if (values.length < 2) {
            return 1;
        }
        return Math.abs(values[1] - values[0]);
    }
}
