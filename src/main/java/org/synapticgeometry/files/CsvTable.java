package org.synapticgeometry.files;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;


/**
 * A CSV table held in memory with its header, for the small tables the stages read whole (manifests,
 * size tables); parsing is {@link Csv}'s (RFC 4180 with quoted newlines, TSV by extension). Rows are
 * numbered as records: the header is row 1.
 */
public final class CsvTable {
    private final Path file;
    private final List<String> header;
    private final Map<String, Integer> columns = new HashMap<>();
    private final List<List<String>> rows;

    private CsvTable(Path file, List<String> header, List<List<String>> rows) {
        this.file = file;
        this.header = List.copyOf(header);
        for (int i = 0; i < header.size(); i++) {
            columns.putIfAbsent(header.get(i).trim(), i);
        }
        this.rows = rows;
    }

    /**
     * Reads a table; blank lines are kept as null rows so that row numbers stay true.
     *
     * @throws IllegalArgumentException if the file is missing, a folder or empty, or a row's field count
     *     differs from the header's (naming the row)
     */
    public static CsvTable read(Path file, String role) {
        List<List<String>> rows = new ArrayList<>();
        List<String> header = Csv.read(file, role, (fields, row) -> rows.add(fields.isEmpty() ? null : fields));
        for (int i = 0; i < rows.size(); i++) {
            List<String> fields = rows.get(i);
            if (fields != null && fields.size() != header.size()) {
                throw new IllegalArgumentException(file + " row " + lineOf(i) + " has " + fields.size()
                        + " fields, the header has " + header.size() + "; fix the row");
            }
        }
        return new CsvTable(file, header, rows);
    }

    /**
     * The index of the first column named one of {@code names}, or −1.
     */
    public int column(String... names) {
        for (String n : names) {
            Integer i = columns.get(n);
            if (i != null) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The index of a required column.
     *
     * @throws IllegalArgumentException naming the file, the column and the header found
     */
    public int requireColumn(String name, String expectedHeader) {
        int i = column(name);
        if (i < 0) {
            throw new IllegalArgumentException(file + " is missing column '" + name + "' (header found: "
                    + String.join(",", header) + "; expected: " + expectedHeader + ")");
        }
        return i;
    }

    /** Number of data rows (blank lines included, as null rows, so row numbers stay true). */
    public int size() {
        return rows.size();
    }

    /** The fields of data row {@code i} (0-based), or null for a blank line. */
    public List<String> row(int i) {
        return rows.get(i);
    }

    /** The row number a reader sees for data row {@code i}: the header is row 1. */
    public static int lineOf(int i) {
        return i + 2;
    }

    /** The column names, in file order. */
    public List<String> header() {
        return header;
    }

    /** The file read. */
    public Path file() {
        return file;
    }
}
