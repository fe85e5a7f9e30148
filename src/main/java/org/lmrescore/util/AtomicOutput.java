package org.lmrescore.util;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a file so that readers see either the old content or the complete new one, never a
 * partial file: the data goes to a temporary file in the same folder, which is renamed over the
 * target only by {@link #commit()}. Closing without committing deletes the temporary file, so an
 * exception half-way leaves the user's previous file untouched.
 *
 * <pre>{@code
 * try (AtomicOutput out = AtomicOutput.create(path)) {
 *     out.writer().write(...);
 *     out.commit();
 * }
 * }</pre>
 */
public final class AtomicOutput implements AutoCloseable {
    private final Path target;
    private final Path temp;
    private final OutputStream stream;
    private Writer writer;
    private boolean committed;

    private AtomicOutput(Path target, Path temp, OutputStream stream) {
        this.target = target;
        this.temp = temp;
        this.stream = stream;
    }

    /** Starts writing {@code target}; a name ending in {@code .gz} is gzip-compressed. */
    public static AtomicOutput create(Path target) {
        checkReplaceable(target);
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        try {
            Files.createDirectories(dir);
            removeStaleTemporaries(dir, absolute.getFileName().toString());
            Path temp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp");
            readableByAll(temp);
            OutputStream out = new BufferedOutputStream(syncedOnClose(temp), 1 << 16);
            if (absolute.getFileName().toString().endsWith(".gz")) {
                out = new GZIPOutputStream(out, 1 << 16);
            }
            return new AtomicOutput(absolute, temp, out);
        } catch (IOException e) {
            throw new InputFormatException(target, 0, "cannot write: " + e.getMessage());
        }
    }

    /**
     * The temporary file's stream, forced to the disk when closed: the rename must not land
     * before the data, or a crash leaves an empty file under the final name.
     */
    private static OutputStream syncedOnClose(Path temp) throws IOException {
        FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
        return new FilterOutputStream(Channels.newOutputStream(channel)) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                try {
                    channel.force(true);
                } finally {
                    out.close();
                }
            }
        };
    }

    /** A temporary file untouched this long belongs to a run that was killed, not to one writing now. */
    static final long STALE_MILLIS = 10 * 60 * 1000;

    /** Deletes the temporary files of {@code name} that killed runs left behind (kill -9 skips close()). */
    private static void removeStaleTemporaries(Path dir, String name) {
        String prefix = "." + name + ".";
        long cutoff = System.currentTimeMillis() - STALE_MILLIS;
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String f = p.getFileName().toString();
                if (f.startsWith(prefix) && f.endsWith(".tmp") && Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                        && Files.getLastModifiedTime(p).toMillis() < cutoff) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            // only tidying: the write itself goes on
        }
    }

    /**
     * Refuses a target that exists but is not a regular file: the rename would replace a device,
     * pipe, link or folder with a plain file. Commands call it before long work, too.
     */
    public static void checkReplaceable(Path target) {
        Path absolute = target.toAbsolutePath();
        if (Files.exists(absolute, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                && !Files.isRegularFile(absolute, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new InputFormatException(target, 0, "not a regular file (a device, pipe, link or folder):"
                    + " refusing to replace it; give a new path or a regular file");
        }
    }

    /** Temporary files are private (0600); the finished file gets the usual rw-r--r--. */
    private static void readableByAll(Path temp) throws IOException {
        if (temp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(temp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    /** Binary view of the output. Do not mix with {@link #writer()} unless the writer is flushed first. */
    public OutputStream stream() {
        return stream;
    }

    /** UTF-8 text view of the output. */
    public Writer writer() {
        if (writer == null) {
            writer = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
        }
        return writer;
    }

    /** Flushes, closes and renames the temporary file over the target. */
    public void commit() {
        try {
            if (writer != null) {
                writer.close();
            } else {
                stream.close();
            }
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            committed = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    @Override
    public void close() {
        if (committed) {
            return;
        }
        try {
            stream.close();
        } catch (IOException ignored) {
            // the temporary file is discarded anyway
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // nothing more to do: the target was never touched
        }
    }

    /** Writes a whole text file atomically. */
    public static void writeString(Path target, String content) {
        try (AtomicOutput out = create(target)) {
            out.writer().write(content);
            out.commit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
