package org.lmrescore.lm.rnn;

import org.lmrescore.util.InputFormatException;

import java.nio.file.Files;
import java.nio.file.Path;

/** Loads an RNN model file of any supported kind, told apart by content: ours, or the rnnlm toolkit's. */
public final class RnnModels {
    private RnnModels() {
    }

    public static RnnModel load(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new InputFormatException(path, 0, Files.exists(path) ? "not a regular file" : "no such file");
        }
        if (ModelFile.sniff(path)) {
            return ModelFile.read(path);
        }
        if (RnnlmToolkitFormat.sniff(path)) {
            return RnnlmToolkitFormat.read(path);
        }
        throw new InputFormatException(path, 0, "not an RNN model: expected an lmrescore .bin model (LMRNNBIN) "
                + "or an rnnlm toolkit model (starting with 'version:')");
    }
}
