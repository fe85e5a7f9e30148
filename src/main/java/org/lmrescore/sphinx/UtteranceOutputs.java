package org.lmrescore.sphinx;

import java.nio.file.Path;

/**
 * The per-utterance files of a decode job. Called on the worker thread that decoded the utterance,
 * with that worker's recogniser (so its first-pass LM can be queried without locking).
 */
public final class UtteranceOutputs {
    private final boolean gzip;

    public UtteranceOutputs(boolean gzip) {
        this.gzip = gzip;
    }

    void write(SphinxRecognizer recognizer, Decoding decoding, Path outDir) {
        String gz = gzip ? ".gz" : "";
        NativeLatticeFile.write(decoding.lattice(), outDir.resolve(decoding.uttid() + ".lat" + gz));
    }
}
