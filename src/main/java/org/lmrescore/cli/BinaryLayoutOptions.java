package org.lmrescore.cli;

import org.lmrescore.lm.ngram.BackoffTables;
import org.lmrescore.lm.ngram.BinaryFormat;
import org.lmrescore.util.InputFormatException;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** How a binary n-gram model is laid out: the options of {@code build-binary} and {@code train-kn --binary}. */
public final class BinaryLayoutOptions {
    @Option(names = "--layout", paramLabel = "probing|trie", defaultValue = "probing",
            description = "Binary layout: probing (hash tables, fastest queries) or trie (bit-packed, smallest; default ${DEFAULT-VALUE}).")
    String layout;

    @Option(names = "--quantize", paramLabel = "BITS",
            description = "Trie only: store probabilities (and backoffs, unless --quantize-backoff) of orders 2 and up in BITS bits (1-16), as KenLM's -q.")
    Integer quantize;

    @Option(names = "--quantize-backoff", paramLabel = "BITS",
            description = "Trie only: backoff bits (1-16), as KenLM's -b (default: --quantize's).")
    Integer quantizeBackoff;

    BinaryFormat.Layout layout() {
        switch (layout) {
            case "probing":
                if (quantize != null || quantizeBackoff != null) {
                    throw new InputFormatException("--quantize needs --layout trie");
                }
                return BinaryFormat.Layout.PROBING;
            case "trie":
                for (Integer bits : new Integer[] {quantize, quantizeBackoff}) {
                    if (bits != null && (bits < 1 || bits > 16)) {
                        throw new InputFormatException("--quantize takes 1 to 16 bits, not " + bits);
                    }
                }
                return BinaryFormat.Layout.TRIE;
            default:
                throw new InputFormatException("--layout is probing or trie, not '" + layout + "'");
        }
    }

    /** Converts the ARPA file {@code arpa} to {@code out} as these options say. */
    void convert(Path arpa, Path out) {
        BinaryFormat.convert(arpa, out, layout(), probBits(), backoffBits());
    }

    private int probBits() {
        return quantize == null ? 0 : quantize;
    }

    private int backoffBits() {
        return quantizeBackoff != null ? quantizeBackoff : probBits();
    }

    /** Writes {@code tables} as these options say. */
    void write(BackoffTables tables, Path out) {
        BinaryFormat.write(tables, out, layout(), probBits(), backoffBits());
    }
}
