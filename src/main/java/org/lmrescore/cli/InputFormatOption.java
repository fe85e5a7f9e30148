package org.lmrescore.cli;

import org.lmrescore.lattice.InputFormat;
import picocli.CommandLine.Option;

/** {@code --input-format}, shared by {@code rescore} and {@code tune}, which read the same inputs. */
public final class InputFormatOption {
    @Option(names = "--input-format", paramLabel = "FORMAT", defaultValue = "auto",
            description = "Read every input as this format: auto (recognise each file by its content), slf, sphinx-lat, "
                    + "srilm-nbest, sphinx-nbest, tsv-nbest or rnnlm-nbest (an rnnlm list whatever its words look like) "
                    + "(default: ${DEFAULT-VALUE}).")
    String name;

    /** The format forced, or null to recognise each file by its content. */
    InputFormat format() {
        return InputFormat.named(name);
    }
}
