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

class TextInputTest {
    @TempDir
    Path dir;

    /** ASCII lines (copied as they are) and UTF-8 lines (decoded) read back as the text written; CRLF and a last line without an end. */
    @Test
    void asciiAndUtf8LinesReadBackExactly() throws Exception {
        String[] lines = {"the cat\tsat", "", "caf\u00e9 \u4e2d\u6587 na\u00efve", "x\u007f~", "last"};
        Path p = dir.resolve("t.txt");
        Files.write(p, (lines[0] + "\r\n" + lines[1] + "\n" + lines[2] + "\n" + lines[3] + "\n" + lines[4]).getBytes(StandardCharsets.UTF_8));
        try (TextInput in = TextInput.open(p)) {
            for (int i = 0; i < lines.length; i++) {
                assertEquals(lines[i], in.readLine());
                assertEquals(i + 1, in.lineNumber());
            }
            assertNull(in.readLine());
        }
    }

    /** A Latin-1 byte after ASCII lines is an error naming its line, not a replacement character. */
    @Test
    void aByteThatIsNotUtf8NamesItsLine() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("plain\nplain too\n".getBytes(StandardCharsets.US_ASCII));
        bytes.writeBytes("caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        Path p = dir.resolve("latin1.txt");
        Files.write(p, bytes.toByteArray());
        try (TextInput in = TextInput.open(p)) {
            assertEquals("plain", in.readLine());
            assertEquals("plain too", in.readLine());
            InputFormatException e = assertThrows(InputFormatException.class, in::readLine);
            assertEquals(p + ":3: not valid UTF-8 text", e.getMessage());
        }
    }
}
