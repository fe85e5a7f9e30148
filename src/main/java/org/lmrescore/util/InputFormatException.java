package org.lmrescore.util;

import java.nio.file.Path;

/**
 * Bad user input: a file that does not parse, an option that makes no sense.
 * The message always says where ({@code file:line:}) and what was expected; the CLI prints it
 * without a stack trace and exits with status 2.
 */
public final class InputFormatException extends RuntimeException {
    private final String file;
    private final long line;

    /** An error at a line of a file (line counted from 1; 0 when the whole file is at fault). */
    public InputFormatException(Path file, long line, String message) {
        this(file == null ? null : file.toString(), line, message, null);
    }

    public InputFormatException(String file, long line, String message, Throwable cause) {
        super(format(file, line, message), cause);
        this.file = file;
        this.line = line;
    }

    /** An error not tied to a file (a bad option value). */
    public InputFormatException(String message) {
        this((String) null, 0, message, null);
    }

    public String file() {
        return file;
    }

    public long line() {
        return line;
    }

    private static String format(String file, long line, String message) {
        if (file == null) {
            return message;
        }
        return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
    }
}
