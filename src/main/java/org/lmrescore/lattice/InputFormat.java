package org.lmrescore.lattice;

import org.lmrescore.util.InputFormatException;
import org.lmrescore.util.TextInput;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The formats {@code rescore} reads, recognised from a file's first meaningful line (not its
 * name): HTK SLF ({@code name=value} fields), Sphinx4's {@code Lattice.dump} ({@code node:},
 * {@code edge:} ...), SRILM N-best lists ({@code NBestList1.0}, {@code NBestList2.0},
 * {@code (score) words} or {@code ascore lscore nwords words}), the Sphinx dev {@code .nbest}
 * TSV, this project's {@link TsvNBest}, Kaldi text lattices (a key alone on its line, then
 * {@code src dst ...} lines: {@link KaldiLatticeReader}), and the rnnlm toolkit's
 * {@code uttid words} lines.
 */
public enum InputFormat {
    SLF, SPHINX_LAT, SRILM_NBEST, SPHINX_NBEST, TSV_NBEST, RNNLM_NBEST, KALDI_LAT,
    /** Only when forced: by content a Kaldi N-best archive is a lattice archive ({@link KaldiNBestReader}). */
    KALDI_NBEST;

    /** The formats recognised by their content, for the message about a file that is none of them. */
    static final String OTHER_FORMATS = "an HTK SLF lattice (name=value fields), a Sphinx4 lattice dump (node:/edge: lines),"
            + " an SRILM N-best list, a Sphinx .nbest TSV, a TSV N-best with a header or a Kaldi text lattice (a key line,"
            + " then 'src dst ...' lines)";

    /** Reads every utterance in {@code file} (lattice files and most N-best files hold one). */
    public static List<Utterance> read(Path file) {
        return read(file, ReadOptions.AUTO);
    }

    /** {@link #read(Path)} as {@code format} ({@code --input-format}), or as {@link #detect} finds when null. */
    public static List<Utterance> read(Path file, InputFormat format) {
        return read(file, ReadOptions.of(format));
    }

    /** {@link #read(Path)} with the options' format (or as {@link #detect} finds) and Kaldi symbol table. */
    public static List<Utterance> read(Path file, ReadOptions options) {
        List<Utterance> out = new ArrayList<>();
        read(file, options, out::add);
        return out;
    }

    /**
     * {@link #read(Path, ReadOptions)}, handing each utterance to {@code each} in file order; a
     * Kaldi archive's lattices one at a time as they are read, so that an archive of any length
     * needs memory for one lattice.
     */
    public static void read(Path file, ReadOptions options, Consumer<Utterance> each) {
        InputFormat format = options.format();
        boolean forced = format != null;
        if (format == null) {
            format = detect(file);
        }
        switch (format) {
            case SLF -> each.accept(Utterance.of(file, SlfReader.read(file)));
            case SPHINX_LAT -> each.accept(Utterance.of(file, SphinxLatReader.read(file)));
            case SRILM_NBEST -> each.accept(Utterance.of(file, SrilmNBestReader.read(file)));
            case SPHINX_NBEST -> each.accept(Utterance.of(file, SphinxNBestReader.read(file)));
            case TSV_NBEST -> TsvNBest.read(file).forEach(l -> each.accept(Utterance.of(file, l)));
            case RNNLM_NBEST -> RnnlmNBestReader.read(file, !forced).forEach(l -> each.accept(Utterance.of(file, l)));
            case KALDI_LAT -> {
                try (TextInput in = TextInput.open(file)) {
                    KaldiLatticeReader.read(in, options, l -> each.accept(Utterance.of(file, l)));
                }
            }
            case KALDI_NBEST -> {
                try (TextInput in = TextInput.open(file)) {
                    KaldiNBestReader.read(in, options).forEach(l -> each.accept(Utterance.of(file, l)));
                }
            }
        }
    }

    /** The name of each format for {@code --input-format}, in declaration order. */
    public static final List<String> NAMES = List.of("slf", "sphinx-lat", "srilm-nbest", "sphinx-nbest", "tsv-nbest", "rnnlm-nbest",
            "kaldi-lat", "kaldi-nbest");

    /** The format an {@code --input-format} value names; null for {@code auto} (recognise each file by its content). */
    public static InputFormat named(String name) {
        if (name.equals("auto")) {
            return null;
        }
        int i = NAMES.indexOf(name);
        if (i < 0) {
            throw new InputFormatException("--input-format must be auto or one of " + String.join(", ", NAMES) + ", not '"
                    + name + "'");
        }
        return values()[i];
    }

    public static InputFormat detect(Path file) {
        try (TextInput in = TextInput.open(file)) {
            String line;
            boolean sphinxComment = false;
            while ((line = in.readLine()) != null) {
                String t = line.strip();
                if (t.isEmpty()) {
                    continue;
                }
                if (TsvNBest.isHeader(t)) {
                    return TSV_NBEST;
                }
                if (t.startsWith("#")) {
                    sphinxComment |= t.startsWith("# utt=") || t.startsWith("# rank");
                    continue;
                }
                if (!sphinxComment && t.split("\\s+").length == 1 && isKaldiArcOrFinal(in.readLine())) {
                    return KALDI_LAT;
                }
                return classify(t, line, sphinxComment);
            }
            throw new InputFormatException(file, 0, "the file is empty");
        }
    }

    private static InputFormat classify(String t, String raw, boolean sphinxComment) {
        String first = t.split("\\s+", 2)[0];
        if (first.equals("node:") || first.equals("edge:") || first.equals("initialNode:")
                || first.equals("terminalNode:") || first.equals("logBase:")) {
            return SPHINX_LAT;
        }
        if (first.equals("NBestList1.0") || first.equals("NBestList2.0") || first.startsWith("(")) {
            return SRILM_NBEST;
        }
        if (sphinxComment || raw.split("\t", -1).length == 6 && isNumber(first)) {
            return SPHINX_NBEST;
        }
        int eq = first.indexOf('=');
        if (eq > 0) {
            return SLF;
        }
        String[] f = t.split("\\s+");
        if (f.length >= 3 && isNumber(f[0]) && isNumber(f[1]) && f[2].matches("[0-9]+")) {
            return SRILM_NBEST;
        }
        return RNNLM_NBEST;
    }

    /** A line of a Kaldi text lattice after its key: {@code state [weight]} or {@code src dst ...}. */
    private static boolean isKaldiArcOrFinal(String line) {
        if (line == null) {
            return false;
        }
        String[] f = line.strip().split("\\s+");
        if (f.length < 1 || f.length > 5 || !f[0].matches("[0-9]+")) {
            return false;
        }
        return f.length == 1 || (f.length == 2 && f[1].indexOf(',') > 0) || f[1].matches("[0-9]+");
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
