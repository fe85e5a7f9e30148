package org.lmrescore.cli;

import org.lmrescore.lm.ngram.BinaryFormat;
import org.lmrescore.lm.ngram.NgramModels;
import org.lmrescore.util.InputFormatException;
import org.lmrescore.util.Log;
import org.lmrescore.util.OutputGuard;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "build-binary",
        description = "Convert an ARPA model (plain or .gz) to the binary format, which is mapped in place at load.",
        footer = {"", "Examples:",
                "  build-binary kn5.arpa.gz kn5.bin",
                "  build-binary --layout trie --quantize 8 kn5.arpa.gz kn5.trie",
                "  ppl --kn kn5.bin --text test.txt"})
public final class BuildBinaryCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    BinaryLayoutOptions layout;

    @Parameters(index = "0", paramLabel = "IN", description = "ARPA model (or a binary probing one, rewritten as probing).")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "Binary output.")
    Path out;

    @Override
    public Integer call() {
        OutputGuard.refuseOverwrite(out, java.util.List.of(in));
        BinaryFormat.Layout l = layout.layout();
        long t0 = System.nanoTime();
        if (BinaryFormat.isBinary(in)) {
            if (l != BinaryFormat.Layout.PROBING) {
                throw new InputFormatException(in, 0, "a trie is built from an ARPA file, not from a binary model");
            }
            BinaryFormat.write(NgramModels.load(in), out);  // its tables as they are
        } else {
            layout.convert(in, out);
        }
        Log.info("wrote %s in %.1f s", out, (System.nanoTime() - t0) / 1e9);
        return 0;
    }
}
