package org.lmrescore.util;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
