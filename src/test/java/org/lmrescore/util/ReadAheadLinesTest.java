package org.lmrescore.util;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class ReadAheadLinesTest {
    @TempDir
    Path dir;

    /** Over many blocks (by line count and by size, one line longer than a block) the lines and numbers are TextInput's. */
    @Test
    void givesTextInputsLinesAndNumbers() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            text.append(i % 7 == 0 ? "" : "line " + i + " caf\u00e9").append(i % 3 == 0 ? "\r\n" : "\n");
            if (i == 9_000) {
                text.append("x".repeat(3 << 20)).append('\n');
            }
        }
        text.append("no end");
        Path p = dir.resolve("t.txt");
        Files.writeString(p, text, StandardCharsets.UTF_8);
        try (TextInput plain = TextInput.open(p); ReadAheadLines ahead = ReadAheadLines.open(p)) {
            String expected;
            do {
                expected = plain.readLine();
                assertEquals(expected, ahead.readLine());
                assertEquals(plain.lineNumber(), ahead.lineNumber());
            } while (expected != null);
            assertNull(ahead.readLine());
        }
    }

    /** A line that is not UTF-8, many blocks in: every line before it is given first, then the error naming it. */
    @Test
    void anErrorComesAtItsLine() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 1; i < 10_000; i++) {
            bytes.writeBytes(("line " + i + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        bytes.writeBytes("caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        bytes.writeBytes("after\n".getBytes(StandardCharsets.US_ASCII));
        Path p = dir.resolve("bad.txt");
        Files.write(p, bytes.toByteArray());
        try (ReadAheadLines in = ReadAheadLines.open(p)) {
            for (int i = 1; i < 10_000; i++) {
                assertEquals("line " + i, in.readLine());
            }
            InputFormatException e = assertThrows(InputFormatException.class, in::readLine);
            assertEquals(p + ":10000: not valid UTF-8 text", e.getMessage());
        }
    }

    /** Closed after one line of a long file: the thread reading ahead stops, nothing hangs. */
    @Test
    void closingEarlyStopsTheReader() throws Exception {
        Path p = dir.resolve("long.txt");
        Files.writeString(p, "word word word\n".repeat(200_000));
        assertTimeoutPreemptively(java.time.Duration.ofSeconds(10), () -> {
            try (ReadAheadLines in = ReadAheadLines.open(p)) {
                assertEquals("word word word", in.readLine());
            }
        });
        assertThrows(InputFormatException.class, () -> ReadAheadLines.open(dir.resolve("missing.txt")));
    }
}
