package org.lmrescore.sphinx;

import edu.cmu.sphinx.result.Lattice;
import org.lmrescore.util.AtomicOutput;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;

/**
 * Writes a lattice in Sphinx4's own text format ({@code Lattice.dump}: {@code node:}, {@code edge:},
 * {@code initialNode:}, {@code terminalNode:}, {@code logBase:} lines; Sphinx's {@code Lattice(String)}
 * reads it back), through {@link AtomicOutput}: never a partial file under the final name.
 *
 * <p>Sphinx's public {@code dump(String)} writes through a {@link PrintWriter}, which swallows
 * write errors: on a full disk it leaves an empty or truncated file and says nothing. So the
 * protected {@code dump(PrintWriter)} is called on our own writer, whose error flag is checked.
 */
public final class NativeLatticeFile {
    private static final Method DUMP = dumpMethod();

    private NativeLatticeFile() {
    }

    private static Method dumpMethod() {
        try {
            Method m = Lattice.class.getDeclaredMethod("dump", PrintWriter.class);
            m.setAccessible(true);
            return m;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("this Sphinx4 has no Lattice.dump(PrintWriter)", e);
        }
    }

    public static void write(Lattice lattice, Path target) {
        try (AtomicOutput out = AtomicOutput.create(target)) {
            PrintWriter writer = new PrintWriter(out.writer());
            try {
                DUMP.invoke(lattice, writer);
            } catch (InvocationTargetException e) {
                throw new IOException(e.getCause().getMessage(), e.getCause());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
            if (writer.checkError()) {  // flushes; true if any write failed
                throw new IOException("write failed (disk full?)");
            }
            out.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }
}
