package org.synapticgeometry.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A small CSV table (RFC 4180: comma-separated, double quotes around fields that hold commas or
 * quotes) with a header row. Rows are numbered as in a text editor: the header is row 1.
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
     * Reads a CSV file; blank lines are skipped.
     *
     * @throws IllegalArgumentException if the file is missing or empty, or a row's field count
     *     differs from the header's (naming the row)
     */
    public static CsvTable read(Path file, String role) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(role + " " + file + " does not exist; check the path");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + role + " " + file + ": " + e.getMessage(), e);
        }
        if (lines.isEmpty() || lines.get(0).isBlank()) {
            throw new IllegalArgumentException(role + " " + file + " is empty; it needs a header row");
        }
        List<String> header = split(lines.get(0).replace("\uFEFF", ""), file, 1);
        List<List<String>> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                rows.add(null);
                continue;
            }
            List<String> fields = split(lines.get(i), file, i + 1);
            if (fields.size() != header.size()) {
                throw new IllegalArgumentException(file + " row " + (i + 1) + " has " + fields.size()
                        + " fields, the header has " + header.size() + "; fix the row");
            }
            rows.add(fields);
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

    private static List<String> split(String line, Path file, int row) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException(file + " row " + row + " has an unclosed quote; fix the row");
        }
        out.add(cur.toString());
        return out;
    }
}
