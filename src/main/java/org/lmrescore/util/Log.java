package org.lmrescore.util;

import java.io.PrintStream;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * The project's terminal log: one line per significant step on stderr. Quiet by default
 * ({@link #info} prints only with {@code --verbose}); warnings always print. Libraries that log
 * through java.util.logging (Sphinx4) are silenced unless verbose.
 */
public final class Log {
    private static volatile boolean verbose;

    private Log() {
    }

    public static void setVerbose(boolean on) {
        verbose = on;
        Level level = on ? Level.INFO : Level.SEVERE;
        Logger root = LogManager.getLogManager().getLogger("");
        root.setLevel(level);
        for (var handler : root.getHandlers()) {
            handler.setLevel(level);
        }
    }

    public static boolean verbose() {
        return verbose;
    }

    /** A step worth a line when the user asked for detail. */
    public static void info(String format, Object... args) {
        if (verbose) {
            print(String.format(format, args));
        }
    }

    /** Something the user should see even on a quiet run. */
    public static void warn(String format, Object... args) {
        print("warning: " + String.format(format, args));
    }

    /** A line always printed to stderr (progress summaries of long jobs). */
    public static void always(String format, Object... args) {
        print(String.format(format, args));
    }

    private static synchronized void print(String line) {
        Progress.clearLine();
        PrintStream err = System.err;  // looked up each time so a redirected stderr (tests) sees it
        err.println(line);
        err.flush();
    }
}
