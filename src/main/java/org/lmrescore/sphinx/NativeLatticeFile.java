package org.lmrescore.sphinx;

import edu.cmu.sphinx.result.Lattice;
import org.lmrescore.util.AtomicOutput;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a lattice in Sphinx4's own text format ({@code Lattice.dump}: {@code node:}, {@code edge:},
 * {@code initialNode:}, {@code terminalNode:}, {@code logBase:} lines; Sphinx's {@code Lattice(String)}
 * reads it back). Sphinx writes straight to a file name, so it writes a hidden temporary file that
 * is then renamed (or compressed, for a {@code .gz} target) into place: never a partial file.
 */
public final class NativeLatticeFile {
    private NativeLatticeFile() {
    }

    public static void write(Lattice lattice, Path target) {
        Path absolute = target.toAbsolutePath();
        Path temp = null;
        try {
            Files.createDirectories(absolute.getParent());
            temp = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName() + ".", ".tmp");
            try {
                lattice.dump(temp.toString());
            } catch (Error e) { // Sphinx turns its IOException into an Error
                throw new IOException(e.getMessage(), e);
            }
            if (absolute.getFileName().toString().endsWith(".gz")) {
                try (AtomicOutput out = AtomicOutput.create(absolute); InputStream in = Files.newInputStream(temp)) {
                    in.transferTo(out.stream());
                    out.commit();
                }
            } else {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // a stray hidden temporary file is harmless
                }
            }
        }
    }
}
