package org.synapticgeometry.stage;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress of a long stage on stderr: percent of work done, elapsed time and an ETA extrapolated
 * from the work done so far. Work is counted in arbitrary units (e.g. multiply-adds); the total can
 * grow when the stage discovers more work (a learning-rate search that needs more epochs).
 */
public final class Progress {
    private final PrintWriter out;
    private final String prefix;
    private final long start = System.nanoTime();
    private double total;
    private double done;

    /** Progress of {@code total} units of work, printed to {@code out} with lines starting {@code prefix:}. */
    public Progress(PrintWriter out, String prefix, double total) {
        this.out = out;
        this.prefix = prefix;
        this.total = total;
    }

    /** Adds work that was not planned. */
    public void grow(double work) {
        total += work;
    }

    /** Records finished work, silently. */
    public void advance(double work) {
        done += work;
    }

    /** Records finished work and prints one line with the message. */
    public void advance(double work, String message) {
        advance(work);
        double elapsed = (System.nanoTime() - start) / 1e9;
        double fraction = total <= 0 ? 1.0 : Math.min(1.0, done / total);
        String eta = fraction <= 0 ? "?" : duration(elapsed * (1.0 - fraction) / fraction);
        out.println(String.format(Locale.ROOT, "%s: %3.0f%% [elapsed %s, ETA %s] %s", prefix, 100 * fraction,
                duration(elapsed), eta, message));
        out.flush();
    }

    /** Seconds as "1h02m", "3m05s" or "12s". */
    public static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
        }
        return s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
