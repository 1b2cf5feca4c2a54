package org.synapticgeometry.snapshot;

import org.synapticgeometry.files.CsvTable;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads paired measurements from one CSV file, e.g. synapse sizes before and after learning: a
 * header with columns {@code init} and {@code final} (or {@code before} and {@code after}), one
 * synapse per row, and an optional {@code layer} column that groups rows into layers (default: one
 * layer named {@code weights}). Every value must be a finite number.
 */
public final class PairedCsvReader {
    /** Layer name used when the file has no {@code layer} column. */
    public static final String DEFAULT_LAYER = "weights";

    private PairedCsvReader() {
    }

    /** The two snapshots held by one CSV file. */
    public record Pair(WeightSnapshot init, WeightSnapshot fin) {
    }

    /**
     * Reads the file.
     *
     * @throws IllegalArgumentException naming the file, row and column of a missing column, an
     *     empty or non-numeric cell, or a non-finite value
     */
    public static Pair read(Path file) {
        CsvTable t = CsvTable.read(file, "measurement CSV");
        int ci = t.column("init", "before");
        int cf = t.column("final", "after");
        if (ci < 0 || cf < 0) {
            throw new IllegalArgumentException(file + " is missing column '" + (ci < 0 ? "init" : "final")
                    + "'; a measurement CSV needs columns init,final (or before,after) and optionally layer");
        }
        int cl = t.column("layer");
        Map<String, List<float[]>> groups = new LinkedHashMap<>();
        for (int r = 0; r < t.size(); r++) {
            List<String> row = t.row(r);
            if (row == null) {
                continue;
            }
            String layer = cl < 0 ? DEFAULT_LAYER : row.get(cl).trim();
            float a = value(t, r, ci, "init");
            float b = value(t, r, cf, "final");
            groups.computeIfAbsent(layer, k -> new ArrayList<>()).add(new float[] {a, b});
        }
        if (groups.isEmpty()) {
            throw new IllegalArgumentException(file + " has a header but no measurement rows; add rows");
        }
        Map<String, FloatTensor> init = new LinkedHashMap<>();
        Map<String, FloatTensor> fin = new LinkedHashMap<>();
        Map<String, String> dtypes = new LinkedHashMap<>();
        groups.forEach((name, pairs) -> {
            float[] x = new float[pairs.size()];
            float[] y = new float[pairs.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = pairs.get(i)[0];
                y[i] = pairs.get(i)[1];
            }
            init.put(name, FloatTensor.vector(x));
            fin.put(name, FloatTensor.vector(y));
            dtypes.put(name, "float32");
        });
        return new Pair(new WeightSnapshot(file + ":init", init, dtypes), new WeightSnapshot(file + ":final", fin, dtypes));
    }

    private static float value(CsvTable t, int r, int column, String name) {
        String text = t.row(r).get(column).trim();
        float v;
        try {
            v = Float.parseFloat(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(t.file() + " row " + CsvTable.lineOf(r) + " field " + name
                    + " must be a number, found '" + text + "'; fix the row");
        }
        if (!Float.isFinite(v)) {
            throw new IllegalArgumentException(t.file() + " row " + CsvTable.lineOf(r) + " field " + name
                    + " must be finite, found '" + text + "'; remove or fix the row");
        }
        return v;
    }
}
