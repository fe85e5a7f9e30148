package org.lmrescore.cli;

import org.lmrescore.lm.ngram.BinaryFormat;
import org.lmrescore.lm.ngram.NgramModel;
import org.lmrescore.lm.ngram.NgramModels;
import org.lmrescore.util.Log;
import org.lmrescore.util.OutputGuard;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "build-binary",
        description = "Convert an ARPA model (plain or .gz) to the binary format, which loads in a fraction of the time.",
        footer = {"", "Examples:",
                "  build-binary kn5.arpa.gz kn5.bin",
                "  ppl --kn kn5.bin --text test.txt"})
public final class BuildBinaryCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "IN", description = "ARPA model (or a binary one, rewritten).")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "Binary output.")
    Path out;

    @Override
    public Integer call() {
        OutputGuard.refuseOverwrite(out, java.util.List.of(in));
        long t0 = System.nanoTime();
        NgramModel model = NgramModels.load(in);
        BinaryFormat.write(model, out);
        Log.info("wrote %s in %.1f s", out, (System.nanoTime() - t0) / 1e9);
        return 0;
    }
}
