package org.synapticgeometry.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.synapticgeometry.files.CsvTable;

/** CSV files read as rows of named fields (through the project's {@link CsvTable}). */
final class Tables {
    private Tables() {
    }

    /**
     * The rows of {@code file} as column → text maps.
     *
     * @throws IllegalArgumentException naming the file and a missing {@code required} column
     */
    static List<Map<String, String>> rows(Path file, List<String> required) {
        CsvTable t = CsvTable.read(file, "table");
        String expected = String.join(",", required);
        required.forEach(c -> t.requireColumn(c, expected));
        List<Map<String, String>> out = new ArrayList<>();
        for (int r = 0; r < t.size(); r++) {
            List<String> f = t.row(r);
            if (f != null) {
                out.add(named(t, f));
            }
        }
        return out;
    }

    private static Map<String, String> named(CsvTable t, List<String> fields) {
        Map<String, String> m = new HashMap<>();
        for (String name : t.header()) {
            m.put(name, fields.get(t.column(name)));
        }
        return m;
    }

    /** A numeric field; "NaN", missing and empty fields are NaN. */
    static double number(Map<String, String> row, String column) {
        String v = row.getOrDefault(column, "");
        return v.isEmpty() ? Double.NaN : Double.parseDouble(v);
    }
}
