package org.lmrescore.util;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AtomicOutputTest {

    @Test
    void anAbortedWriteLeavesTheOldFileAndNoTemporaryFile(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("model.arpa");
        Files.writeString(target, "old");
        assertThrows(IllegalStateException.class, () -> {
            try (AtomicOutput out = AtomicOutput.create(target)) {
                out.writer().write("partial new content");
                throw new IllegalStateException("failure half-way");
            }
        });
        assertEquals("old", Files.readString(target));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    /** A killed run's temporary file is removed by the next write of the same target; a fresh one (a run writing now) is kept. */
    /** A FIFO, a device or a link given as an output is refused, not replaced by a regular file. */
    @Test
    void nonRegularTargetsAreRefusedAndLeftAsTheyAre(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("pipe");
        org.junit.jupiter.api.Assumptions.assumeTrue(
                new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo not available");
        Path link = Files.createSymbolicLink(dir.resolve("link"), Files.writeString(dir.resolve("real"), "x"));
        for (Path target : new Path[] {fifo, Path.of("/dev/null"), link}) {
            org.lmrescore.util.InputFormatException e = assertThrows(org.lmrescore.util.InputFormatException.class,
                    () -> AtomicOutput.create(target), target.toString());
            assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
        }
        assertFalse(Files.isRegularFile(fifo, java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("x", Files.readString(dir.resolve("real")));
    }

    @Test
    void temporariesOfKilledRunsAreRemoved(@TempDir Path dir) throws IOException {
        Path stale = Files.writeString(dir.resolve(".model.bin.123.tmp"), "half");
        Files.setLastModifiedTime(stale, java.nio.file.attribute.FileTime.fromMillis(
                System.currentTimeMillis() - AtomicOutput.STALE_MILLIS - 60_000));
        Path fresh = Files.writeString(dir.resolve(".model.bin.456.tmp"), "being written");
        Path other = Files.writeString(dir.resolve(".other.bin.789.tmp"), "another target's");
        Files.setLastModifiedTime(other, Files.getLastModifiedTime(stale));
        try (AtomicOutput out = AtomicOutput.create(dir.resolve("model.bin"))) {
            out.writer().write("done");
            out.commit();
        }
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(fresh));
        assertTrue(Files.exists(other));
        assertEquals("done", Files.readString(dir.resolve("model.bin")));
    }

    @Test
    void gzipNamesAreCompressedAndReadBackTransparently(@TempDir Path dir) {
        Path target = dir.resolve("x.txt.gz");
        AtomicOutput.writeString(target, "line one\nline two\n");
        try (TextInput in = TextInput.open(target)) {
            assertEquals("line one", in.readLine());
            assertEquals("line two", in.readLine());
            assertEquals(2, in.lineNumber());
            assertEquals(null, in.readLine());
        }
    }

    @Test
    void invalidUtf8IsReportedWithFileAndLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.txt");
        Files.write(file, new byte[] {'o', 'k', '\n', 'b', (byte) 0xff, 'd', '\n'});
        InputFormatException e = assertThrows(InputFormatException.class, () -> {
            try (TextInput in = TextInput.open(file)) {
                while (in.readLine() != null) {
                    // read all
                }
            }
        });
        assertEquals(file + ":2: not valid UTF-8 text", e.getMessage());
    }
}
