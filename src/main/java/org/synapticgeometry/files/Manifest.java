package org.synapticgeometry.files;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.synapticgeometry.geometry.Potentials;

/**
 * The manifest contract: {@code manifest.csv} lists snapshot pairs to score, header
 * {@code run_id,init,final,trained_potential,architecture,seed}, paths relative to the manifest's folder,
 * {@code trained_potential} empty when unknown (e.g. real data), and an optional last column
 * {@code producer_run_id}: the tracking run that produced the final weights (the fine-tune run), onto which
 * {@code score} logs what it found; manifests without it are read as before. {@code linreg} and the workflows write
 * it, {@code score} and {@code report} read it; this class is the only place that knows its columns
 * (the workflow files are tested against {@link #HEADER}). Runs can also come from repeated
 * {@code --pair INIT,FINAL} options.
 */
public final class Manifest {
    /** The columns, in order. */
    public static final List<String> COLUMNS = List.of("run_id", "init", "final", "trained_potential", "architecture",
            "seed");
    /** The header line ({@link #COLUMNS} joined by commas; a test keeps the two equal). */
    public static final String HEADER = "run_id,init,final,trained_potential,architecture,seed";
    /** The optional column naming the tracking run that produced a row's final weights. */
    public static final String PRODUCER_RUN_ID = "producer_run_id";
    /** The file name the stages and workflows use. */
    public static final String FILE = "manifest.csv";

    private Manifest() {
    }

    /**
     * One row: a run to score.
     *
     * @param runId unique id
     * @param init snapshot before learning
     * @param fin snapshot after learning (null for a measurement CSV that holds both)
     * @param trainedPotential canonical name of the potential it was trained with, or "" if unknown
     * @param architecture architecture label, or ""
     * @param seed seed label, or ""
     * @param producerRunId the tracking run that produced the final weights, or "" when unknown
     * @param origin where the run was declared (manifest row or --pair), for error messages
     */
    public record Entry(String runId, Path init, Path fin, String trainedPotential, String architecture,
            String seed, String producerRunId, String origin) {
    }

    /**
     * Reads a manifest.
     *
     * @throws IllegalArgumentException naming the file, row and field of a missing column, an empty
     *     run_id or init, a duplicate run_id or a trained_potential that does not parse
     */
    public static List<Entry> read(Path manifest) {
        CsvTable t = CsvTable.read(manifest, "manifest");
        int[] c = new int[COLUMNS.size()];
        for (int i = 0; i < c.length; i++) {
            c[i] = t.requireColumn(COLUMNS.get(i), HEADER);
        }
        int producer = t.column(PRODUCER_RUN_ID);
        Path folder = manifest.toAbsolutePath().getParent();
        List<Entry> runs = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int r = 0; r < t.size(); r++) {
            List<String> row = t.row(r);
            if (row == null) {
                continue;
            }
            String where = manifest + " row " + CsvTable.lineOf(r);
            String id = required(row.get(c[0]), where, "run_id");
            if (!ids.add(id)) {
                throw new IllegalArgumentException(where + " field run_id: '" + id + "' is used twice; run ids must be unique");
            }
            Path init = folder.resolve(required(row.get(c[1]), where, "init"));
            String finText = row.get(c[2]).trim();
            Path fin = finText.isEmpty() ? null : folder.resolve(finText);
            String producerRunId = producer < 0 || producer >= row.size() ? "" : row.get(producer).trim();
            runs.add(new Entry(id, init, fin, trained(row.get(c[3]), where), row.get(c[4]).trim(),
                    row.get(c[5]).trim(), producerRunId, where));
        }
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("manifest " + manifest + " lists no run; add rows under the header " + HEADER);
        }
        return List.copyOf(runs);
    }

    /**
     * Runs from {@code --pair INIT,FINAL} values (a measurement CSV may be given alone), with ids
     * {@code pair-1}, {@code pair-2}, ... and no labels.
     *
     * @throws IllegalArgumentException when a value is not INIT,FINAL
     */
    public static List<Entry> fromPairs(List<String> pairs) {
        List<Entry> runs = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            String[] parts = pairs.get(i).split(",", -1);
            if (parts.length > 2 || parts[0].isBlank() || (parts.length == 2 && parts[1].isBlank())) {
                throw new IllegalArgumentException("--pair must be INIT,FINAL (or one measurement .csv), found '"
                        + pairs.get(i) + "'");
            }
            Path fin = parts.length == 2 ? Path.of(parts[1].trim()) : null;
            runs.add(new Entry("pair-" + (i + 1), Path.of(parts[0].trim()), fin, "", "", "", "", "--pair " + pairs.get(i)));
        }
        return List.copyOf(runs);
    }

    /**
     * Writes a manifest atomically; init and final are written relative to the manifest's folder when they
     * lie inside it; the {@code producer_run_id} column only when some entry has one.
     */
    public static void write(Path manifest, List<Entry> entries) {
        Path folder = manifest.toAbsolutePath().getParent();
        boolean producers = entries.stream().anyMatch(e -> !e.producerRunId().isEmpty());
        List<List<String>> rows = new ArrayList<>();
        for (Entry e : entries) {
            List<String> row = new ArrayList<>(List.of(e.runId(), relative(folder, e.init()),
                    e.fin() == null ? "" : relative(folder, e.fin()), e.trainedPotential(), e.architecture(), e.seed()));
            if (producers) {
                row.add(e.producerRunId());
            }
            rows.add(row);
        }
        List<String> columns = new ArrayList<>(COLUMNS);
        if (producers) {
            columns.add(PRODUCER_RUN_ID);
        }
        Csv.write(manifest, columns, rows);
    }

    private static String relative(Path folder, Path file) {
        Path abs = file.toAbsolutePath().normalize();
        return (abs.startsWith(folder) ? folder.relativize(abs) : abs).toString().replace('\\', '/');
    }

    private static String required(String value, String where, String field) {
        if (value.isBlank()) {
            throw new IllegalArgumentException(where + " field " + field + " is empty; fill it in");
        }
        return value.trim();
    }

    private static String trained(String value, String where) {
        if (value.isBlank()) {
            return "";
        }
        try {
            return Potentials.parse(value).name();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + " field trained_potential: " + e.getMessage(), e);
        }
    }
}
