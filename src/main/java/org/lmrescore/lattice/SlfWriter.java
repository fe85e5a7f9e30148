package org.lmrescore.lattice;

import org.lmrescore.util.AtomicOutput;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;

/**
 * Writes a lattice as HTK SLF with words on links and natural-log scores, written so that every
 * reader gets this program's path totals: {@code base=e acscale=1 wdpenalty=0}, {@code l=} an
 * LM log probability and {@code a=} everything else on the arc, so that a + lmscale x l is the
 * arc's {@link Lattice#weight}. The word penalty is folded into {@code a=} because readers
 * disagree about which links it applies to (HTK and SRILM charge fillers, {@code </s>} and
 * {@code !NULL}, this program only words). For a rescored lattice {@code l=} is exactly the new
 * ln P ({@code </s>} on the arcs into the end node) and {@code a=} holds the acoustic score, the
 * first-pass term and the penalty; comment lines in the header say so. Atomic: the file appears
 * complete or not at all. A name ending in {@code .gz} is compressed.
 */
public final class SlfWriter {
    private SlfWriter() {
    }

    public static void write(Lattice lattice, Path file) {
        try (AtomicOutput out = AtomicOutput.create(file)) {
            write(lattice, null, null, "", out.writer());
            out.commit();
        }
    }

    /**
     * A rescored lattice: {@code l=} its new ln P, the rest of each arc's score in {@code a=}, and
     * {@code p=} each arc's posterior when {@code posteriors} is not null.
     */
    public static void write(RescoredLattice rescored, ScoreWeights weights, ArcPosteriors posteriors, double posteriorScale,
                             Path file) {
        String comments = String.format(java.util.Locale.ROOT,
                "# rescored: a= acscale %s x acoustic + first-pass-weight %s x first-pass LM score + wip %s per word;"
                        + " l= ln P of the rescoring LM (</s> on arcs into the end node)%n"
                        + "# path total = sum of a= + lmscale x l= (wdpenalty is 0: the penalty is in a=)%n",
                weights.acousticScale(), weights.firstPassWeight(), weights.wordPenalty());
        if (posteriors != null) {
            comments += String.format(java.util.Locale.ROOT, "# p= arc posterior at posterior scale %s%n", posteriorScale);
        }
        try (AtomicOutput out = AtomicOutput.create(file)) {
            write(rescored.lattice(), rescored.lmLogProb(), posteriors, comments, out.writer());
            out.commit();
        }
    }

    /** HTK's escapes: a backslash before a backslash and before a leading quote. */
    static String escape(String word) {
        String s = word.replace("\\", "\\\\");
        return s.startsWith("'") || s.startsWith("\"") ? "\\" + s : s;
    }

    public static void write(Lattice lattice, Writer w) {
        write(lattice, null, null, "", w);
    }

    /** {@code logProb}: each arc's LM log probability for l=, or null for lmScore / lmscale; {@code posteriors} may be null. */
    private static void write(Lattice lattice, double[] logProb, ArcPosteriors posteriors, String comments, Writer w) {
        double lmScale = lattice.header().lmScale();
        if (Double.isNaN(lmScale) || lmScale == 0) {
            lmScale = 1; // l= then carries the weighted LM score itself
        }
        try {
            StringBuilder b = new StringBuilder(64 * (lattice.nodeCount() + lattice.arcCount()));
            b.append("VERSION=1.0\n");
            b.append(comments);
            b.append("UTTERANCE=").append(lattice.id()).append('\n');
            b.append("base=").append(Math.E).append('\n');
            b.append("lmscale=").append(lmScale).append(" wdpenalty=0.0 acscale=1.0\n");
            b.append("start=").append(lattice.startNode()).append(" end=").append(lattice.endNode()).append('\n');
            b.append("N=").append(lattice.nodeCount()).append(" L=").append(lattice.arcCount()).append('\n');
            for (int v = 0; v < lattice.nodeCount(); v++) {
                b.append("I=").append(v);
                double t = lattice.nodeTime(v);
                if (!Double.isNaN(t)) {
                    b.append(" t=").append(String.format(java.util.Locale.ROOT, "%.2f", t));
                }
                b.append('\n');
            }
            for (int a = 0; a < lattice.arcCount(); a++) {
                double l = logProb != null ? logProb[a] : lattice.lmScore(a) / lmScale;
                b.append("J=").append(a)
                        .append(" S=").append(lattice.from(a))
                        .append(" E=").append(lattice.to(a))
                        .append(" W=").append(escape(lattice.word(a)))
                        .append(" a=").append(lattice.weight(a) - lmScale * l)
                        .append(" l=").append(l);
                if (posteriors != null) {
                    b.append(" p=").append(String.format(java.util.Locale.ROOT, "%.6g", posteriors.of(a)));
                }
                b.append('\n');
                if (b.length() > 1 << 20) {
                    w.write(b.toString());
                    b.setLength(0);
                }
            }
            w.write(b.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
