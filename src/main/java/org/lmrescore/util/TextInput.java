package org.lmrescore.util;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Reads a text file line by line with its line number, so every parser can report
 * {@code file:line: what was expected}. Gzip is detected by its magic bytes, not the name.
 * Decoding is strict UTF-8, line by line: a byte sequence that is not UTF-8 is an error naming
 * its line, never a silent replacement character. Line ends are {@code \n} or {@code \r\n}.
 */
public final class TextInput implements AutoCloseable {
    /** The longest line read: no format here has longer ones, and memory stays bounded whatever a file holds. */
    public static final int MAX_LINE_BYTES = 64 << 20;
    private final Path path;
    private final InputStream in;
    private final boolean compressed;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] buffer = new byte[1 << 16];
    private int bufferPos;
    private int bufferEnd;
    private byte[] line = new byte[256];
    private long lineNumber;

    private TextInput(Path path, InputStream in) {
        this.path = path;
        this.in = in;
        this.compressed = in instanceof GZIPInputStream;
    }

    /** Whether the file is gzip-compressed (so its length does not bound its content). */
    public boolean compressed() {
        return compressed;
    }

    /** Opens {@code path}; a missing or unreadable file is an {@link InputFormatException}. */
    public static TextInput open(Path path) {
        try {
            return new TextInput(path, openStream(path));
        } catch (NoSuchFileException e) {
            throw new InputFormatException(path, 0, "no such file");
        } catch (IOException e) {
            throw new InputFormatException(path, 0, "cannot open: " + e.getMessage());
        }
    }

    /** A byte stream of the file's content, gunzipped when the file starts with the gzip magic. */
    public static InputStream openStream(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            throw new IOException("is a directory");
        }
        InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            return new GZIPInputStream(in, 1 << 16);
        }
        return in;
    }

    /** The next line without its terminator, or null at the end of the file. */
    public String readLine() {
        int length = 0;
        boolean any = false;
        try {
            while (true) {
                if (bufferPos == bufferEnd) {
                    bufferEnd = in.read(buffer, 0, buffer.length);
                    bufferPos = 0;
                    if (bufferEnd <= 0) {
                        bufferEnd = 0;
                        if (!any) {
                            return null;
                        }
                        break;
                    }
                }
                any = true;
                byte b = buffer[bufferPos++];
                if (b == '\n') {
                    break;
                }
                if (length == line.length) {
                    if (length >= MAX_LINE_BYTES) {
                        throw new InputFormatException(path, lineNumber + 1, "line longer than " + (MAX_LINE_BYTES >> 20)
                                + " MB: not a text file of lines, or not one this program reads");
                    }
                    line = Arrays.copyOf(line, length * 2);
                }
                line[length++] = b;
            }
        } catch (EOFException e) {
            throw new InputFormatException(path, lineNumber + 1, "file ends unexpectedly (truncated gzip?)");
        } catch (IOException e) {
            throw new InputFormatException(path, lineNumber + 1, "read failed: " + e.getMessage());
        }
        lineNumber++;
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        if (ascii(line, length)) {
            // the same characters as UTF-8 decoding gives, copied once (most model and text files are ASCII)
            return new String(line, 0, length, StandardCharsets.ISO_8859_1);
        }
        try {
            return decoder.decode(ByteBuffer.wrap(line, 0, length)).toString();
        } catch (CharacterCodingException e) {
            throw error("not valid UTF-8 text");
        }
    }

    private static boolean ascii(byte[] bytes, int length) {
        int any = 0;
        for (int i = 0; i < length; i++) {
            any |= bytes[i];
        }
        return any >= 0;  // a byte of 0x80 or above is negative and sets the sign bit
    }

    /** Line number of the line last returned by {@link #readLine()} (1-based). */
    public long lineNumber() {
        return lineNumber;
    }

    public Path path() {
        return path;
    }

    /** An error about the line last read (about the whole file before any line was read). */
    public InputFormatException error(String message) {
        return new InputFormatException(path, lineNumber, message);
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException ignored) {
            // reading is over; nothing was written
        }
    }
}
