package org.lmrescore.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

/**
 * Refuses, before any work, an output that would destroy one of the run's own inputs: a file
 * written over an input file (train-kn --text t.txt --arpa t.txt), or an output folder that holds
 * an input (rescore --in out/lattices --out out, whose lattices/ it rewrites). Files are compared
 * by identity, so links and relative paths are seen through.
 */
public final class OutputGuard {
    private OutputGuard() {
    }

    /** Refuses {@code output} if it is the same file as any of {@code inputs} (null entries are ignored). */
    public static void refuseOverwrite(Path output, Collection<Path> inputs) {
        if (output == null) {
            return;
        }
        for (Path input : inputs) {
            if (input != null && sameFile(output, input)) {
                throw new InputFormatException(output, 0, "the output would overwrite the input " + input
                        + "; give another output path");
            }
        }
    }

    /** Refuses an output folder that is, or contains, any of {@code inputs}. */
    public static void refuseFolderHolding(Path folder, Collection<Path> inputs) {
        if (!Files.isDirectory(folder)) {
            return;  // a new folder holds nothing yet
        }
        Path real = real(folder);
        for (Path input : inputs) {
            if (input != null && Files.exists(input) && real(input).startsWith(real)) {
                throw new InputFormatException(folder, 0, "the output folder holds the input " + input
                        + ", which this run would rewrite or mix with its own outputs; give another --out");
            }
        }
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }
}
