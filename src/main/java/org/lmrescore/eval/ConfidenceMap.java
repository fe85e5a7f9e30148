package org.lmrescore.eval;

import java.util.Locale;

/**
 * A monotone map from word posteriors to calibrated confidences: c = sigmoid(slope x logit(p) +
 * offset), logistic regression on the posterior's log-odds (Platt scaling). Posteriors of a
 * rescored lattice are far too peaked to be confidences as they are: most words of a pruned
 * lattice have no competitor and get posterior 1, right or wrong, which sclite's NCE punishes
 * with 20 bits per confident error. {@link #fit} maximises the likelihood of the correct /
 * incorrect labels, which is maximising NCE on those words, so a fitted map never makes their
 * NCE negative (slope 0 and the offset of the fraction correct give exactly 0).
 */
public record ConfidenceMap(double slope, double offset) {
    /** Confidences are the posteriors themselves. */
    public static final ConfidenceMap IDENTITY = new ConfidenceMap(1, 0);
    /** Posteriors are kept within [FLOOR, 1 - FLOOR] before their log-odds are taken (NCE's floor). */
    static final double FLOOR = ConfidenceScore.FLOOR;

    public ConfidenceMap {
        if (!Double.isFinite(slope) || !Double.isFinite(offset)) {
            throw new IllegalArgumentException("a confidence map needs a finite slope and offset, not " + slope + "," + offset);
        }
    }

    /** {@code SLOPE,OFFSET}, as {@code --confidence-map} takes it. */
    public static ConfidenceMap parse(String value) {
        String[] parts = value.split(",");
        if (parts.length != 2) {
            throw new IllegalArgumentException("--confidence-map takes SLOPE,OFFSET, not '" + value + "'");
        }
        try {
            return new ConfidenceMap(Double.parseDouble(parts[0].strip()), Double.parseDouble(parts[1].strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--confidence-map takes two numbers SLOPE,OFFSET, not '" + value + "'");
        }
    }

    public double apply(double posterior) {
        if (this.equals(IDENTITY)) {
            return posterior;
        }
        return sigmoid(slope * logit(posterior) + offset);
    }

    /** The argument {@code --confidence-map} takes. */
    public String argument() {
        return String.format(Locale.ROOT, "%.6g,%.6g", slope, offset);
    }

    /**
     * The map of highest likelihood for words with these posteriors and correct labels (Newton's
     * method on the two-parameter logistic regression, which is convex). Identity when the labels
     * are all the same (no NCE is defined then).
     */
    public static ConfidenceMap fit(double[] posterior, boolean[] correct) {
        int n = posterior.length;
        int right = 0;
        for (boolean c : correct) {
            right += c ? 1 : 0;
        }
        if (right == 0 || right == n) {
            return IDENTITY;
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = logit(posterior[i]);
        }
        double a = 0;
        double b = Math.log((double) right / (n - right));  // slope 0: the fraction correct
        for (int iteration = 0; iteration < 100; iteration++) {
            double ga = 0, gb = 0, haa = 0, hab = 0, hbb = 0;  // gradient and (negated) Hessian of the log-likelihood
            for (int i = 0; i < n; i++) {
                double p = sigmoid(a * x[i] + b);
                double r = (correct[i] ? 1 : 0) - p;
                double w = p * (1 - p);
                ga += r * x[i];
                gb += r;
                haa += w * x[i] * x[i];
                hab += w * x[i];
                hbb += w;
            }
            double det = haa * hbb - hab * hab;
            if (!(det > 1e-12)) {
                break;
            }
            double da = (hbb * ga - hab * gb) / det;
            double db = (haa * gb - hab * ga) / det;
            a += da;
            b += db;
            if (Math.abs(da) < 1e-10 && Math.abs(db) < 1e-10) {
                break;
            }
        }
        return new ConfidenceMap(a, b);
    }

    static double logit(double p) {
        double q = Math.min(1 - FLOOR, Math.max(FLOOR, p));
        return Math.log(q / (1 - q));
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
