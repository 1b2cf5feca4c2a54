package org.synapticgeometry.synapse;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.synapticgeometry.files.CsvTable;

/**
 * Synapse sizes read from a CSV table ({@link CsvTable}: comma-separated, header row, RFC 4180
 * quotes): one numeric column of positive sizes (volumes, areas, any unit), optionally split into
 * groups by a label column (e.g. connection type). Missing values (empty, {@code NA}, {@code NaN})
 * are skipped and counted; anything else that is not a positive number is an error naming the file,
 * row and column.
 */
public final class SizeTable {
    /** The group name used when the table has no group column. */
    public static final String ALL = "all";
    private static final Set<String> MISSING = Set.of("", "na", "nan", "n/a", "null");

    private final String column;
    private final Map<String, double[]> groups;
    private final int missing;

    private SizeTable(String column, Map<String, double[]> groups, int missing) {
        this.column = column;
        this.groups = groups;
        this.missing = missing;
    }

    /**
     * Reads sizes from {@code file}.
     *
     * @param option the command-line option that named the file, for errors
     * @param column the size column; null to use the only column of a one-column table
     * @param groupColumn the group label column, or null for one group named {@value #ALL}
     * @throws IllegalArgumentException for a missing file or column, a malformed line, a value that is
     *     not a number, or a size ≤ 0 or infinite
     */
    public static SizeTable read(Path file, String option, String column, String groupColumn) {
        CsvTable csv = CsvTable.read(file, option);
        int col = sizeColumn(csv, option, column);
        int grp = groupColumn == null ? -1 : csv.requireColumn(groupColumn, "the label column named by --group-column");
        Map<String, DoubleList> byGroup = new LinkedHashMap<>();
        int skipped = 0;
        for (int i = 0; i < csv.size(); i++) {
            List<String> row = csv.row(i);
            if (row == null) {
                continue;
            }
            double v = value(csv, option, i, col, column);
            if (Double.isNaN(v)) {
                skipped++;
                continue;
            }
            String g = grp < 0 ? ALL : row.get(grp).strip();
            if (g.isEmpty()) {
                throw new IllegalArgumentException("row " + CsvTable.lineOf(i) + " of " + option + " " + file
                        + " has an empty group label in column '" + groupColumn + "'; label every row or drop"
                        + " --group-column");
            }
            byGroup.computeIfAbsent(g, k -> new DoubleList()).add(v);
        }
        Map<String, double[]> groups = new LinkedHashMap<>();
        byGroup.forEach((k, v) -> groups.put(k, v.toArray()));
        if (groups.isEmpty()) {
            groups.put(ALL, new double[0]);
        }
        return new SizeTable(column == null ? "size" : column, groups, skipped);
    }

    /**
     * Reads two size columns of the same rows (paired data: each synapse before and after). Rows
     * where either value is missing are skipped.
     *
     * @return two arrays of equal length: before, after
     * @throws IllegalArgumentException as {@link #read}
     */
    public static List<double[]> readPaired(Path file, String option, String beforeColumn, String afterColumn) {
        CsvTable csv = CsvTable.read(file, option);
        int b = csv.requireColumn(beforeColumn, "the before column named by --column");
        int a = csv.requireColumn(afterColumn, "the after column named by --after-column");
        DoubleList before = new DoubleList();
        DoubleList after = new DoubleList();
        for (int i = 0; i < csv.size(); i++) {
            if (csv.row(i) == null) {
                continue;
            }
            double x = value(csv, option, i, b, beforeColumn);
            double y = value(csv, option, i, a, afterColumn);
            if (!Double.isNaN(x) && !Double.isNaN(y)) {
                before.add(x);
                after.add(y);
            }
        }
        return List.of(before.toArray(), after.toArray());
    }

    /** The name of the size column read. */
    public String column() {
        return column;
    }

    /** Sizes per group, in order of first appearance (copies). */
    public Map<String, double[]> groups() {
        Map<String, double[]> out = new LinkedHashMap<>();
        groups.forEach((k, v) -> out.put(k, v.clone()));
        return out;
    }

    /** Number of rows skipped because the size was missing. */
    public int missing() {
        return missing;
    }

    private static int sizeColumn(CsvTable csv, String option, String column) {
        if (column != null) {
            return csv.requireColumn(column, "the size column named by --column");
        }
        int width = IntStream.range(0, csv.size()).mapToObj(csv::row).filter(r -> r != null)
                .mapToInt(List::size).findFirst().orElse(1);
        if (width == 1) {
            return 0;
        }
        throw new IllegalArgumentException(option + " " + csv.file() + " has " + width
                + " columns; name the size column with --column");
    }

    /** The size in column {@code col} of data row i; NaN when missing. */
    private static double value(CsvTable csv, String option, int i, int col, String column) {
        String text = csv.row(i).get(col).strip();
        if (MISSING.contains(text.toLowerCase(Locale.ROOT))) {
            return Double.NaN;
        }
        String where = "row " + CsvTable.lineOf(i) + " of " + option + " " + csv.file() + ", column '"
                + (column == null ? "size" : column) + "'";
        double v;
        try {
            v = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": '" + text + "' is not a number; sizes must be numbers"
                    + " (missing values may be empty or NA)");
        }
        if (!(v > 0.0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("sizes must be finite and > 0, found " + text + " in " + where
                    + "; remove or correct it");
        }
        return v;
    }

    /** A growable array of doubles. */
    private static final class DoubleList {
        private double[] data = new double[64];
        private int size;

        void add(double v) {
            if (size == data.length) {
                data = Arrays.copyOf(data, 2 * size);
            }
            data[size++] = v;
        }

        double[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }
}
