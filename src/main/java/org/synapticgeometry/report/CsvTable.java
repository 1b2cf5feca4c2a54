package org.synapticgeometry.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A CSV file with a header, read as rows of named text fields. Handles double-quoted fields with
 * commas and doubled quotes, which is what the stages write.
 */
final class CsvTable {
    private final Path file;
    private final List<Map<String, String>> rows;

    private CsvTable(Path file, List<Map<String, String>> rows) {
        this.file = file;
        this.rows = rows;
    }

    /**
     * Reads {@code file} and checks that it has the {@code required} columns.
     *
     * @throws IllegalArgumentException naming the file and the missing columns
     * @throws UncheckedIOException naming the file when it cannot be read
     */
    static CsvTable read(Path file, List<String> required) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(file + " is empty; it must start with a header line");
        }
        List<String> header = split(lines.get(0));
        List<String> missing = required.stream().filter(c -> !header.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(file + " must have the columns " + missing + ", found " + header);
        }
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            List<String> f = split(line);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), i < f.size() ? f.get(i) : "");
            }
            rows.add(row);
        }
        return new CsvTable(file, List.copyOf(rows));
    }

    List<Map<String, String>> rows() {
        return rows;
    }

    Path file() {
        return file;
    }

    /** A numeric field; "NaN" and empty fields are NaN. */
    static double number(Map<String, String> row, String column) {
        String v = row.getOrDefault(column, "");
        return v.isEmpty() ? Double.NaN : Double.parseDouble(v);
    }

    private static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                cur.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
