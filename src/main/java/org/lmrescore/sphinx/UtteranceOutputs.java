package org.lmrescore.sphinx;

import org.lmrescore.lattice.Hypothesis;
import org.lmrescore.lattice.KBestPaths;
import org.lmrescore.lattice.Lattice;
import org.lmrescore.lattice.LatticePath;
import org.lmrescore.lattice.ScoreWeights;
import org.lmrescore.lattice.ScoredHypothesis;
import org.lmrescore.lattice.SlfWriter;
import org.lmrescore.lattice.TsvNBest;
import org.lmrescore.util.AtomicOutput;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The per-utterance files of a decode job: Sphinx's own lattice dump ({@code <uttid>.lat}), the
 * lattice as HTK SLF with honest first-pass scores ({@code <uttid>.slf}, see
 * {@link SphinxLatticeConverter}) and its N-best list ({@code <uttid>.nbest}, this project's TSV
 * format: natural logs, total = acoustic + language weight x ln P). Called on the worker thread
 * that decoded the utterance, with that worker's recogniser (whose LM is not thread-safe).
 */
public final class UtteranceOutputs {
    /** Most nodes a history-expanded lattice may have before Sphinx's own LM scores are kept instead. */
    static final int MAX_EXPANDED_NODES = 200_000;

    private final boolean gzip;
    private final int nbest;

    /** {@code nbest} = 0 writes no N-best list. */
    public UtteranceOutputs(boolean gzip, int nbest) {
        this.gzip = gzip;
        this.nbest = nbest;
    }

    /** Whether a file of a decode folder (relative path) is one of these per-utterance files. */
    static boolean owns(String relative) {
        if (relative.indexOf('/') >= 0) {
            return false;
        }
        String name = relative.endsWith(".gz") ? relative.substring(0, relative.length() - 3) : relative;
        return name.endsWith(".lat") || name.endsWith(".slf") || relative.endsWith(".nbest");
    }

    /** Writes all of the utterance's files or, if one fails (a full disk), none: the utterance is then skipped whole. */
    void write(SphinxRecognizer recognizer, Decoding decoding, Path outDir) {
        String gz = gzip ? ".gz" : "";
        String id = decoding.uttid();
        Path lat = outDir.resolve(id + ".lat" + gz);
        Path slf = outDir.resolve(id + ".slf" + gz);
        Path list = outDir.resolve(id + ".nbest");
        try {
            NativeLatticeFile.write(decoding.lattice(), lat);
            Lattice lattice = SphinxLatticeConverter.convert(id, decoding.lattice(), recognizer.firstPassLm(), MAX_EXPANDED_NODES);
            writeSlf(lattice, recognizer.config(), slf);
            if (nbest > 0) {
                writeNBest(lattice, nbest, list);
            }
        } catch (RuntimeException e) {
            for (Path p : List.of(lat, slf, list)) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // the summary names the utterance as skipped either way
                }
            }
            throw e;
        }
    }

    /** SLF with comment lines after the version line saying exactly what the scores are. */
    static void writeSlf(Lattice lattice, DecoderConfig config, Path file) {
        StringWriter body = new StringWriter();
        SlfWriter.write(lattice, body);
        String text = body.toString();
        int firstLine = text.indexOf('\n') + 1;
        String comments = String.format(Locale.ROOT,
                "# Sphinx4 lattice: lm=%s lmscale=language weight %s, wip=%s (silence %s, filler %s)%n"
                        + "# a= Sphinx's acoustic score (natural log) including the insertion penalties its search added, "
                        + "so wdpenalty=0%n"
                        + "# l= unweighted ln P(word | the arc's own history) of that LM, recomputed on the history-expanded "
                        + "lattice (</s> on arcs into the end node)%n",
                config.languageModel(), number(config.languageWeight()), number(config.wordInsertionProbability()),
                number(config.silenceInsertionProbability()), number(config.fillerInsertionProbability()));
        try (AtomicOutput out = AtomicOutput.create(file)) {
            out.writer().write(text, 0, firstLine);
            out.writer().write(comments);
            out.writer().write(text, firstLine, text.length() - firstLine);
            out.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The k best distinct word strings under the first-pass scores, with their parts. */
    static List<ScoredHypothesis> firstPassNBest(Lattice lattice, int k) {
        double lw = lattice.header().lmScale();
        List<ScoredHypothesis> out = new ArrayList<>();
        for (LatticePath path : KBestPaths.distinctWords(lattice, k)) {
            Hypothesis h = path.toHypothesis();
            out.add(new ScoredHypothesis(h, h.firstPassLm() / lw, h.words().size(), path.score()));
        }
        return out;
    }

    static void writeNBest(Lattice lattice, int k, Path file) {
        ScoreWeights weights = ScoreWeights.of(lattice.header().lmScale(), 0);
        TsvNBest.write(file, List.of(lattice.id()), List.of(firstPassNBest(lattice, k)), weights);
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
