package org.lmrescore.lattice;

import org.lmrescore.util.AtomicOutput;
import org.lmrescore.util.InputFormatException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;

/**
 * Writes a rescored lattice as a Kaldi text CompactLattice ({@code key}, {@code src dst word
 * graph,acoustic,} lines, final state, blank line), which {@code lattice-copy ark,t:FILE ark:-}
 * and the other lattice tools read. The costs are split as {@link SlfWriter} splits its scores:
 * graph cost = -ln P of the rescoring LM, acoustic cost = minus everything else of the arc's
 * total (acoustic x acscale, first-pass term, word penalty), so Kaldi's scoring at
 * LMWT = lmscale (acoustic scale 1/lmscale) ranks paths exactly as this program does. Word ids
 * come from the symbol table the input was read with; without one the words are written as they
 * are (what {@code utils/int2sym.pl} gives, and {@link KaldiLatticeReader} reads). Transition
 * ids are not kept through rescoring: the weights carry none, so tools that need alignments
 * ({@code lattice-align-words}) want the original lattice. Atomic; {@code .gz} compresses.
 */
public final class KaldiLatticeWriter {
    private KaldiLatticeWriter() {
    }

    public static void write(RescoredLattice rescored, ScoreWeights weights, KaldiSymbols words, Path file) {
        try (AtomicOutput out = AtomicOutput.create(file)) {
            write(rescored.lattice(), rescored.lmLogProb(), weights.lmScale(), words, out.writer());
            out.commit();
        }
    }

    static void write(Lattice lattice, double[] lmLogProb, double lmScale, KaldiSymbols words, Writer w) {
        StringBuilder b = new StringBuilder(48 * (lattice.arcCount() + 2));
        b.append(lattice.id()).append(" \n");
        try {
            for (int a = 0; a < lattice.arcCount(); a++) {
                double lp = lmLogProb[a];
                double graph = -lp;
                double acoustic = -(lattice.weight(a) - lmScale * lp);
                b.append(lattice.from(a)).append('\t').append(lattice.to(a)).append('\t')
                        .append(label(lattice.word(a), words)).append('\t')
                        .append((float) graph + 0f).append(',').append((float) acoustic + 0f).append(",\n");  // + 0: no "-0.0"
                if (b.length() > 1 << 20) {
                    w.write(b.toString());
                    b.setLength(0);
                }
            }
            b.append(lattice.endNode()).append("\n\n");
            w.write(b.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A word's label: its id in {@code words}, or the word itself without a table; boundaries are 0 (epsilon). */
    static String label(String word, KaldiSymbols words) {
        if (Tokens.isBoundary(word)) {
            return "0";
        }
        if (words == null) {
            return word;
        }
        int id = words.id(word);
        if (id < 0) {
            throw new InputFormatException(words.file(), 0, "the rescored lattice has the word '" + word
                    + "', which the symbol table lacks");
        }
        return Integer.toString(id);
    }
}
