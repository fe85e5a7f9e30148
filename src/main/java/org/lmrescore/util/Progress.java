package org.lmrescore.util;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Progress with rate and ETA for long jobs (training, decoding, rescoring many files), on stderr:
 * a bar redrawn at most five times a second when stderr is a terminal (whatever stdout is);
 * otherwise (a log file, a pipe, CI) one timestamped line with the same figures every
 * {@link #LOG_INTERVAL_SECONDS} seconds, so a long job's log shows it is alive and when it ends.
 * Thread-safe: workers call {@link #advance(long)} concurrently.
 */
public final class Progress {
    private static final PrintStream ERR = System.err;
    private static final boolean TERMINAL = stderrIsTerminal() && !"true".equals(System.getenv("CI"));
    /** Seconds between progress lines in a log ({@code -Dlmrescore.progressSeconds=N} to change). */
    static final long LOG_INTERVAL_SECONDS = Long.getLong("lmrescore.progressSeconds", 60);
    private static volatile boolean lineDirty;

    private final String label;
    private final String unit;
    private final long total;
    private final long startNanos = System.nanoTime();
    private final AtomicLong done = new AtomicLong();
    private volatile long lastDrawNanos;

    /** {@code total} may be 0 or negative when unknown (no percentage, no ETA). */
    public Progress(String label, long total, String unit) {
        this.label = label;
        this.total = total;
        this.unit = unit;
    }

    public void advance(long n) {
        long now = done.addAndGet(n);
        long t = System.nanoTime();
        if (TERMINAL) {
            if (t - lastDrawNanos > 200_000_000L) {
                lastDrawNanos = t;
                draw(now, t);
            }
        } else if (t - Math.max(lastDrawNanos, startNanos) > LOG_INTERVAL_SECONDS * 1_000_000_000L) {
            lastDrawNanos = t;
            logLine(now, t);
        }
    }

    /**
     * stderr is a terminal: on Linux, file descriptor 2 links to a tty or pty. ({@code
     * System.console()} asks about stdin and stdout, so {@code cmd > log} would hide the bar.)
     */
    private static boolean stderrIsTerminal() {
        try {
            String target = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }

    public long done() {
        return done.get();
    }

    /** Seconds since this progress started. */
    public double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Clears the bar and logs one summary line (with --verbose). */
    public void finish() {
        clearLine();
        double secs = elapsedSeconds();
        Log.info("%s: %,d %s in %.1f s (%,.0f %s/s)", label, done.get(), unit, secs, done.get() / Math.max(secs, 1e-9), unit);
    }

    private synchronized void logLine(long now, long t) {
        String figures = figures(now, t).toString();
        ERR.println(java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + " " + label + " "
                + figures.replaceAll("\\[[# ]*\\] ", "").replaceAll(" +", " ").strip());
        ERR.flush();
    }

    private synchronized void draw(long now, long t) {
        ERR.print(new StringBuilder("\r").append(label).append(' ').append(figures(now, t)));
        ERR.flush();
        lineDirty = true;
    }

    /** Done, rate and ETA (with a bar and a percentage when the total is known). */
    private StringBuilder figures(long now, long t) {
        double secs = (t - startNanos) / 1e9;
        double rate = now / Math.max(secs, 1e-9);
        StringBuilder line = new StringBuilder();
        if (total > 0) {
            double frac = Math.min(1.0, now / (double) total);
            int width = 30;
            int filled = (int) Math.round(frac * width);
            line.append('[').append("#".repeat(filled)).append(" ".repeat(width - filled)).append("] ");
            line.append(String.format(Locale.ROOT, "%5.1f%% ", 100 * frac));
            double eta = rate > 0 ? (total - now) / rate : Double.NaN;
            line.append(String.format(Locale.ROOT, "%,.0f %s/s ETA %s", rate, unit, formatSeconds(eta)));
        } else {
            line.append(String.format(Locale.ROOT, "%,d %s %,.0f %s/s %s", now, unit, rate, unit, formatSeconds(secs)));
        }
        return line;
    }

    static String formatSeconds(double s) {
        if (Double.isNaN(s) || Double.isInfinite(s)) {
            return "--:--";
        }
        long secs = Math.round(s);
        return secs >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", secs / 3600, (secs / 60) % 60, secs % 60)
                : String.format(Locale.ROOT, "%02d:%02d", secs / 60, secs % 60);
    }

    /** Erases a drawn bar so that a line printed next (on stderr or stdout) starts clean. */
    public static void clearLine() {
        if (lineDirty) {
            ERR.print("\r\033[K");
            lineDirty = false;
        }
    }
}
