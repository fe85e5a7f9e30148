package org.lmrescore.lattice;

/**
 * What a lattice file says about how its first-pass scores were combined. {@code lmScale} and
 * {@code wordPenalty} are NaN when the file does not say (or, like Sphinx's SLF, says something
 * that is not true of its scores); {@code format} names the dialect read, for logs and summaries.
 */
public record LatticeHeader(String format, double lmScale, double wordPenalty) {
    public static LatticeHeader unknown(String format) {
        return new LatticeHeader(format, Double.NaN, Double.NaN);
    }
}
