package org.synapticgeometry.stage;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * Periodic progress lines with an ETA on stderr, for long stages: at most one line every
 * {@code minInterval}, always the last one. The ETA assumes the remaining units take as long as
 * the finished ones did on average.
 */
final class ProgressLine {
    private final String label;
    private final long total;
    private final PrintWriter out;
    private final long minIntervalNanos;
    private final long start = System.nanoTime();
    private long lastPrint;

    ProgressLine(String label, long total, PrintWriter out, Duration minInterval) {
        this.label = label;
        this.total = total;
        this.out = out;
        this.minIntervalNanos = minInterval.toNanos();
        this.lastPrint = start - minIntervalNanos;
    }

    /** Reports that {@code done} of {@code total} units are finished, with a short status text. */
    void update(long done, String status) {
        long now = System.nanoTime();
        if (now - lastPrint < minIntervalNanos && done < total) {
            return;
        }
        lastPrint = now;
        double elapsed = (now - start) / 1e9;
        double eta = done == 0 ? Double.NaN : elapsed / done * (total - done);
        out.printf(Locale.ROOT, "%s %d/%d %s elapsed %s ETA %s%n", label, done, total, status, clock(elapsed),
                clock(eta));
        out.flush();
    }

    /** h:mm:ss, or "?" before the first unit finished. */
    static String clock(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "?";
        }
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }
}
