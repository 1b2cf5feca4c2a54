package org.synapticgeometry.synapse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A delimited text table with a header line: comma, tab or semicolon (whichever the header uses),
 * double-quoted fields ("" for a quote inside), {@code #} comment lines and blank lines skipped.
 * Every data line must have as many fields as the header.
 */
final class CsvRows {
    /** One data line: its 1-based line number in the file and its fields. */
    record Row(int line, List<String> fields) {
    }

    private final Path file;
    private final String option;
    private final List<String> header;
    private final List<Row> rows;

    private CsvRows(Path file, String option, List<String> header, List<Row> rows) {
        this.file = file;
        this.option = option;
        this.header = header;
        this.rows = rows;
    }

    /**
     * Reads {@code file}, given by command-line {@code option} (named in errors).
     *
     * @throws IllegalArgumentException if the file is missing, not UTF-8 text, empty, or a line is
     *     malformed (unbalanced quotes, a field count differing from the header's)
     * @throws UncheckedIOException for other read failures
     */
    static CsvRows read(Path file, String option) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(option + " " + file + " does not exist; give the path of a CSV file");
        } catch (MalformedInputException e) {
            throw new IllegalArgumentException(option + " " + file + " is not UTF-8 text; give a CSV file");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + option + " " + file + ": " + e.getMessage(), e);
        }
        int first = 0;
        while (first < lines.size() && skip(lines.get(first))) {
            first++;
        }
        if (first == lines.size()) {
            throw new IllegalArgumentException(option + " " + file + " is empty; it needs a header line naming"
                    + " the columns and one size per line");
        }
        char delimiter = delimiter(lines.get(first));
        List<String> header = split(lines.get(first), delimiter, file, option, first + 1);
        List<Row> rows = new ArrayList<>();
        for (int i = first + 1; i < lines.size(); i++) {
            if (skip(lines.get(i))) {
                continue;
            }
            List<String> fields = split(lines.get(i), delimiter, file, option, i + 1);
            if (fields.size() != header.size()) {
                throw new IllegalArgumentException("malformed CSV: line " + (i + 1) + " of " + option + " " + file
                        + " has " + fields.size() + " fields, the header has " + header.size()
                        + "; check the delimiter and quoting");
            }
            rows.add(new Row(i + 1, List.copyOf(fields)));
        }
        return new CsvRows(file, option, List.copyOf(header), List.copyOf(rows));
    }

    /** The data lines. */
    List<Row> rows() {
        return rows;
    }

    /**
     * The index of the column named {@code name} (exact, else case-insensitive).
     *
     * @param what the option that named the column, for the error
     * @throws IllegalArgumentException naming the columns that exist
     */
    int column(String name, String what) {
        int i = header.indexOf(name);
        if (i < 0) {
            for (int j = 0; j < header.size(); j++) {
                if (header.get(j).equalsIgnoreCase(name)) {
                    return j;
                }
            }
            throw new IllegalArgumentException(what + " '" + name + "' is not a column of " + option + " " + file
                    + " (columns: " + String.join(", ", header) + ")");
        }
        return i;
    }

    /** The header's column names. */
    List<String> header() {
        return header;
    }

    /** Where these rows come from, for messages: "{@code --sizes FILE}". */
    String source() {
        return option + " " + file;
    }

    private static boolean skip(String line) {
        String t = line.strip();
        return t.isEmpty() || t.startsWith("#");
    }

    private static char delimiter(String header) {
        if (header.indexOf(',') >= 0) {
            return ',';
        }
        if (header.indexOf('\t') >= 0) {
            return '\t';
        }
        return header.indexOf(';') >= 0 ? ';' : ',';
    }

    private static List<String> split(String line, char delimiter, Path file, String option, int lineNumber) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == delimiter) {
                out.add(field.toString().strip());
                field.setLength(0);
            } else {
                field.append(ch);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("malformed CSV: line " + lineNumber + " of " + option + " " + file
                    + " has an unclosed double quote");
        }
        out.add(field.toString().strip());
        return out;
    }
}
