package org.synapticgeometry.regress;

import java.util.List;
import java.util.Locale;

/** Number formats and Markdown table pieces shared by the check and compare reports. */
final class Reports {
    private Reports() {
    }

    /** A figure's value: four decimals, or {@code NaN}. */
    static String number(double x) {
        return Double.isFinite(x) ? String.format(Locale.ROOT, "%.4f", x) : "NaN";
    }

    /** A change with its sign: four decimals, or two significant digits when smaller than 0.001. */
    static String change(double x) {
        if (!Double.isFinite(x)) {
            return "n/a";
        }
        if (x == 0) {
            return "0";
        }
        return String.format(Locale.ROOT, Math.abs(x) >= 1e-3 ? "%+.4f" : "%+.1e", x);
    }

    /** A change of a count with its sign: {@code -2}, {@code +1}, {@code 0}. */
    static String countChange(double x) {
        return !Double.isFinite(x) ? "n/a" : x == 0 ? "0" : String.format(Locale.ROOT, "%+d", Math.round(x));
    }

    /** A count of runs: {@code 23/30}. */
    static String count(double correct, int runs) {
        return Double.isFinite(correct) ? (long) correct + "/" + runs : "NaN/" + runs;
    }

    /** A share of a band's room as a percentage, {@code 180%}, or {@code ∞}. */
    static String percent(double severity) {
        return Double.isFinite(severity) ? String.format(Locale.ROOT, "%.0f%%", 100 * severity) : "∞";
    }

    /** Seconds as {@code 3m 12s} or {@code 41s}; {@code n/a} when unknown. */
    static String duration(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "n/a";
        }
        long s = Math.round(seconds);
        return s >= 60 ? s / 60 + "m " + s % 60 + "s" : s + "s";
    }

    /** One Markdown table row; pipes inside cells are escaped. */
    static String row(List<String> cells) {
        StringBuilder b = new StringBuilder("|");
        for (String c : cells) {
            b.append(' ').append(c.replace("|", "\\|")).append(" |");
        }
        return b.append('\n').toString();
    }

    /** A Markdown header row and its separator; columns named with a trailing ':' are right-aligned. */
    static String header(List<String> names) {
        StringBuilder sep = new StringBuilder("|");
        List<String> clean = names.stream().map(n -> n.endsWith(":") ? n.substring(0, n.length() - 1) : n).toList();
        for (String n : names) {
            sep.append(n.endsWith(":") ? "---:|" : "---|");
        }
        return row(clean) + sep + "\n";
    }

    /** The first 7 characters of a commit, or {@code ?}. */
    static String shortCommit(String commit) {
        if (commit == null || commit.isEmpty()) {
            return "?";
        }
        return String.join(",", java.util.Arrays.stream(commit.split(","))
                .map(c -> c.length() > 7 ? c.substring(0, 7) + (c.endsWith("-dirty") ? "-dirty" : "") : c).toList());
    }
}
