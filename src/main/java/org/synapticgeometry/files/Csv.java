package org.synapticgeometry.files;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Every table the project reads or writes, through Apache Commons CSV: RFC 4180 (fields with commas,
 * quotes or newlines are quoted), tab-separated when the file name ends in {@code .tsv}, read as a stream
 * of records. One convention for numbers: {@link #number(double)} writes Java's shortest round-trip
 * decimal, and {@code NaN}, {@code Infinity}, {@code -Infinity} for non-finite values (numpy and pandas
 * read all three).
 */
public final class Csv {
    private Csv() {
    }

    /** Receives the records of a table one at a time. */
    @FunctionalInterface
    public interface RecordHandler {
        /**
         * One data record.
         *
         * @param fields its fields; an empty list for a blank line
         * @param row its row number as a reader counts records: the header is row 1
         */
        void accept(List<String> fields, long row);
    }

    /** The format of {@code file}: tab-separated for {@code .tsv}, else comma-separated. */
    public static CSVFormat formatOf(Path file) {
        CSVFormat base = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".tsv")
                ? CSVFormat.TDF : CSVFormat.RFC4180;
        return base.builder().setIgnoreEmptyLines(false).setRecordSeparator('\n').get();
    }

    /**
     * Streams a table: returns its header and hands every data record to {@code handler}.
     *
     * @param role what the file is, for messages (e.g. "manifest", "--sizes")
     * @throws IllegalArgumentException if the file is missing, a folder, empty, or malformed (naming the row)
     */
    public static List<String> read(Path file, String role, RecordHandler handler) {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(role + " " + file + " is a folder; give a CSV file");
        }
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = CSVParser.builder().setReader(in).setFormat(formatOf(file)).get()) {
            return readRecords(parser, file, role, handler);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(role + " " + file + " does not exist; check the path");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + role + " " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<String> readRecords(CSVParser parser, Path file, String role, RecordHandler handler) {
        List<String> header = null;
        try {
            for (CSVRecord r : parser) {
                List<String> fields = fields(r);
                if (header == null) {
                    if (fields.isEmpty()) {
                        break;
                    }
                    header = stripBom(fields);
                } else {
                    handler.accept(fields, r.getRecordNumber());
                }
            }
        } catch (UncheckedIOException e) {
            long row = parser.getRecordNumber() + 1;
            String why = String.valueOf(e.getCause().getMessage());
            throw new IllegalArgumentException(file + " row " + row + (why.contains("EOF reached before encapsulated")
                    ? " has an unclosed quote; fix the row" : " is not valid CSV (" + why + "); fix the row"), e);
        }
        if (header == null) {
            throw new IllegalArgumentException(role + " " + file + " is empty; it needs a header row");
        }
        return header;
    }

    /** Writes a table atomically (temporary file + rename) in the format of its name. */
    public static void write(Path file, List<String> header, List<List<String>> rows) {
        AtomicFiles.write(file, out -> {
            java.io.Writer w = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
            CSVPrinter printer = new CSVPrinter(w, formatOf(file));
            printer.printRecord(header);
            for (List<String> row : rows) {
                printer.printRecord(row);
            }
            printer.flush();
        });
    }

    /** A number as every table writes it: shortest round-trip decimal, or NaN / Infinity / -Infinity. */
    public static String number(double x) {
        return Double.toString(x);
    }

    private static List<String> fields(CSVRecord r) {
        if (r.size() == 1 && r.get(0).isEmpty()) {
            return List.of();
        }
        List<String> f = new ArrayList<>(r.size());
        r.forEach(f::add);
        return f;
    }

    private static List<String> stripBom(List<String> header) {
        List<String> h = new ArrayList<>(header);
        h.set(0, h.get(0).replace("\uFEFF", ""));
        return h;
    }
}
