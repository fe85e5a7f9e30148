package org.lmrescore.cli;

import org.lmrescore.lattice.InputFormat;
import org.lmrescore.lattice.KaldiSymbols;
import org.lmrescore.lattice.ReadOptions;
import org.lmrescore.util.InputFormatException;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** How {@code rescore} and {@code tune}, which read the same inputs, read them: {@code --input-format}, {@code --words}, {@code --frame-shift}. */
public final class InputFormatOption {
    @Option(names = "--input-format", paramLabel = "FORMAT", defaultValue = "auto",
            description = "Read every input as this format: auto (recognise each file by its content), slf, sphinx-lat, "
                    + "srilm-nbest, sphinx-nbest, tsv-nbest, rnnlm-nbest (an rnnlm list whatever its words look like), "
                    + "kaldi-lat or kaldi-nbest (lattice-to-nbest's UTT-1, UTT-2, ... paths as one N-best list per UTT) "
                    + "(default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--words", paramLabel = "WORDS_TXT",
            description = "Kaldi symbol table (the lang directory's words.txt): maps the integer word labels of Kaldi lattices "
                    + "to words, and back in the Kaldi lattices written.")
    Path words;

    @Option(names = "--frame-shift", paramLabel = "SECONDS", defaultValue = "0.01",
            description = "Seconds per transition id of a Kaldi lattice, for word times (0.03 for chain models with frame "
                    + "subsampling 3; default ${DEFAULT-VALUE}).")
    double frameShift;

    /** The files these options name (the symbol table), for {@link org.lmrescore.util.OutputGuard}. */
    java.util.List<Path> files() {
        return words == null ? java.util.List.of() : java.util.List.of(words);
    }

    /** The format forced, or null to recognise each file by its content. */
    InputFormat format() {
        return InputFormat.named(name);
    }

    /** Everything the readers need: the format, the symbol table (read here), the frame shift. */
    ReadOptions reading() {
        try {
            return new ReadOptions(format(), words == null ? null : KaldiSymbols.read(words), frameShift);
        } catch (IllegalArgumentException e) {
            throw new InputFormatException("--frame-shift: " + e.getMessage());
        }
    }
}
