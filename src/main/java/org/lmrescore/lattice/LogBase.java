package org.lmrescore.lattice;

/**
 * Converts the scores of a file to natural logs. Every input states its own base: SLF's
 * {@code base=} (absent means e; {@code 0} means the scores are plain likelihoods, not logs),
 * Sphinx's 1.0001, SRILM's log10 and Decipher's bytelog.
 */
public final class LogBase {
    /**
     * Sphinx's log base: files say 1.0001, but Sphinx4's LogMath holds it as a float,
     * 1.0001f = 1.000100016593933, so its logs are 1.7e-4 smaller (relative) than exact base-1.0001
     * logs; converting with the float base recovers Sphinx's natural logs exactly.
     */
    public static final LogBase SPHINX = new LogBase(1.0001f);
    public static final LogBase E = new LogBase(Math.E);
    public static final LogBase TEN = new LogBase(10);
    /** Decipher/SRILM bytelog: ln(x) = bytelog * 1024 / 10000.5. */
    public static final LogBase BYTELOG = new LogBase(Math.exp(1024 / 10000.5));
    /** SLF {@code base=0}: scores are likelihoods, not logs. */
    public static final LogBase LINEAR = new LogBase(0);

    private final double base;
    private final double lnBase;

    private LogBase(double base) {
        this.base = base;
        this.lnBase = base == 0 ? Double.NaN : Math.log(base);
    }

    /** The base as a file writes it; 0 means linear likelihoods. Bases must be 0 or above 1. */
    public static LogBase of(double base) {
        if (base == 0) {
            return LINEAR;
        }
        if (!(base > 1) || Double.isInfinite(base)) {
            throw new IllegalArgumentException("a log base must be 0 (no logs) or greater than 1, not " + base);
        }
        return new LogBase(base);
    }

    public double base() {
        return base;
    }

    /** A score of this base in natural log. */
    public double toLn(double score) {
        if (base == 0) {
            return Math.log(score);
        }
        return score * lnBase;
    }

    /** A natural-log score in this base. */
    public double fromLn(double ln) {
        if (base == 0) {
            return Math.exp(ln);
        }
        return ln / lnBase;
    }
}
