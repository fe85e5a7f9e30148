package org.lmrescore.lattice;

import org.lmrescore.util.AtomicOutput;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;

/**
 * Writes a lattice as HTK SLF with words on links, natural-log scores and a header that says
 * how to combine them: {@code base=e}, {@code lmscale} and {@code wdpenalty} of the lattice's
 * maker (for a rescored lattice, the rescoring weights, and {@code l=} the new LM score), so
 * HTK, SRILM and this program's reader all recover the same path totals. Atomic: the file
 * appears complete or not at all. A name ending in {@code .gz} is compressed.
 */
public final class SlfWriter {
    private SlfWriter() {
    }

    public static void write(Lattice lattice, Path file) {
        try (AtomicOutput out = AtomicOutput.create(file)) {
            write(lattice, out.writer());
            out.commit();
        }
    }

    /** HTK's escapes: a backslash before a backslash and before a leading quote. */
    static String escape(String word) {
        String s = word.replace("\\", "\\\\");
        return s.startsWith("'") || s.startsWith("\"") ? "\\" + s : s;
    }

    public static void write(Lattice lattice, Writer w) {
        double lmScale = lattice.header().lmScale();
        if (Double.isNaN(lmScale) || lmScale == 0) {
            lmScale = 1; // l= then carries the weighted LM score itself
        }
        double penalty = lattice.header().wordPenalty();
        if (Double.isNaN(penalty)) {
            penalty = 0;
        }
        try {
            StringBuilder b = new StringBuilder(64 * (lattice.nodeCount() + lattice.arcCount()));
            b.append("VERSION=1.0\n");
            b.append("UTTERANCE=").append(lattice.id()).append('\n');
            b.append("base=").append(Math.E).append('\n');
            b.append("lmscale=").append(lmScale).append(" wdpenalty=").append(penalty).append(" acscale=1.0\n");
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
                b.append("J=").append(a)
                        .append(" S=").append(lattice.from(a))
                        .append(" E=").append(lattice.to(a))
                        .append(" W=").append(escape(lattice.word(a)))
                        .append(" a=").append(lattice.acoustic(a))
                        .append(" l=").append(lattice.lmScore(a) / lmScale)
                        .append('\n');
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
