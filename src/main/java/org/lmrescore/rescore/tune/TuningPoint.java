package org.lmrescore.rescore.tune;

import org.lmrescore.lattice.ScoreWeights;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One setting of the weights {@code tune} chooses: lmscale, word insertion penalty, the weight of
 * the first-pass LM score carried by the input, and the RNNs' share of the linear mix (the
 * backoff model gets the rest; ignored unless the mix has both kinds of model). The acoustic
 * scale stays 1: only the ratios matter to the argmax.
 */
public record TuningPoint(double lmScale, double wip, double firstPassWeight, double rnnWeight) {
    /** Number of coordinates, in the order of {@link #get}. */
    public static final int DIMENSIONS = 4;
    static final String[] NAMES = {"lmscale", "wip", "first-pass-weight", "lambda"};

    public double get(int dim) {
        return switch (dim) {
            case 0 -> lmScale;
            case 1 -> wip;
            case 2 -> firstPassWeight;
            case 3 -> rnnWeight;
            default -> throw new IndexOutOfBoundsException(dim);
        };
    }

    public TuningPoint with(int dim, double value) {
        return switch (dim) {
            case 0 -> new TuningPoint(value, wip, firstPassWeight, rnnWeight);
            case 1 -> new TuningPoint(lmScale, value, firstPassWeight, rnnWeight);
            case 2 -> new TuningPoint(lmScale, wip, value, rnnWeight);
            case 3 -> new TuningPoint(lmScale, wip, firstPassWeight, value);
            default -> throw new IndexOutOfBoundsException(dim);
        };
    }

    /** The point's weights as rescore combines them (acoustic scale 1), so tuning totals are rescore's. */
    public ScoreWeights scoreWeights() {
        return ScoreWeights.of(lmScale, wip).withFirstPassWeight(firstPassWeight);
    }

    /** This point with every weight rounded as {@link #rescoreArguments} prints it (what rescore will use). */
    public TuningPoint rounded() {
        return new TuningPoint(Double.parseDouble(number(lmScale)), Double.parseDouble(number(wip)),
                Double.parseDouble(number(firstPassWeight)), Double.parseDouble(number(rnnWeight)));
    }

    /** The {@code rescore} options that reproduce this point, one option and value per line (a picocli @-file). */
    public List<String> rescoreArguments(boolean withLambda) {
        List<String> lines = new ArrayList<>();
        lines.add("--lmscale " + number(lmScale));
        lines.add("--wip " + number(wip));
        lines.add("--first-pass-weight " + number(firstPassWeight));
        if (withLambda) {
            lines.add("--lambda " + number(rnnWeight));
        }
        return lines;
    }

    public String format(boolean withLambda) {
        return String.join(" ", rescoreArguments(withLambda));
    }

    static String number(double x) {
        String s = String.format(Locale.ROOT, "%.4f", x);
        s = s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
        return s.equals("-0") ? "0" : s;
    }
}
