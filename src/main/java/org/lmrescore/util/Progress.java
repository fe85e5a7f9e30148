package org.lmrescore.util;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A progress bar with rate and ETA for long jobs (training, decoding, rescoring many files).
 * It draws on stderr only when stderr is a terminal, at most five times a second; on a pipe
 * or in CI it stays silent and only the final {@link #finish()} line is logged (verbose).
 * Thread-safe: workers call {@link #advance(long)} concurrently.
 */
public final class Progress {
    private static final PrintStream ERR = System.err;
    private static final boolean TERMINAL = System.console() != null && !"true".equals(System.getenv("CI"));
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
        if (TERMINAL && t - lastDrawNanos > 200_000_000L) {
            lastDrawNanos = t;
            draw(now, t);
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

    private synchronized void draw(long now, long t) {
        double secs = (t - startNanos) / 1e9;
        double rate = now / Math.max(secs, 1e-9);
        StringBuilder line = new StringBuilder("\r").append(label).append(' ');
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
        ERR.print(line);
        ERR.flush();
        lineDirty = true;
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

    /** Erases a drawn bar so that a log line starts on a clean line. */
    static void clearLine() {
        if (lineDirty) {
            ERR.print("\r\033[K");
            lineDirty = false;
        }
    }
}
