package org.synapticgeometry.report;

import org.synapticgeometry.files.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Everything a report is drawn from: score rows and identifications of every score folder, the
 * linear-regression tables and fine-tuning summaries found under the extras folders, and the
 * snapshot pairs named by manifests (for the distribution figures).
 *
 * @param scores every {@code scores.csv} row
 * @param identifications each folder's {@code identification.json}
 * @param linreg every {@code linreg.csv} row
 * @param trainings each {@code train.json} found, with its path, in path order (the order of the report's
 *     fine-tuning table)
 * @param pairManifests manifests of snapshot pairs (may be empty)
 */
public record ReportInputs(List<ScoreRow> scores, List<JsonNode> identifications, List<Map<String, String>> linreg,
        Map<Path, JsonNode> trainings, List<Path> pairManifests) {
    private static final List<String> LINREG_COLUMNS = List.of("run_id", "trained_potential", "k", "d", "seed");

    /** Copies the collections; the trainings into path order. */
    public ReportInputs {
        scores = List.copyOf(scores);
        identifications = List.copyOf(identifications);
        linreg = List.copyOf(linreg);
        trainings = Collections.unmodifiableMap(new TreeMap<>(trainings));
        pairManifests = List.copyOf(pairManifests);
    }

    /**
     * Reads the inputs.
     *
     * @param scoreDirs folders written by {@code sgeo score}; each must hold {@code scores.csv} and
     *     {@code identification.json}
     * @param extras folders searched for {@code linreg.csv} and {@code train.json} (may be empty)
     * @param pairManifests manifests of snapshot pairs (may be empty)
     * @throws IllegalArgumentException naming the folder or file that is missing or malformed
     */
    public static ReportInputs read(List<Path> scoreDirs, List<Path> extras, List<Path> pairManifests) {
        if (scoreDirs.isEmpty()) {
            throw new IllegalArgumentException("--scores must name at least one folder written by sgeo score");
        }
        List<ScoreRow> rows = new ArrayList<>();
        List<JsonNode> ids = new ArrayList<>();
        for (Path dir : scoreDirs) {
            Path csv = dir.resolve("scores.csv");
            Path id = dir.resolve("identification.json");
            if (!Files.isRegularFile(csv) || !Files.isRegularFile(id)) {
                throw new IllegalArgumentException("--scores " + dir + " must hold scores.csv and identification.json"
                        + " (a folder written by sgeo score)");
            }
            Tables.rows(csv, ScoreRow.COLUMNS).stream().map(ScoreRow::of).filter(java.util.Objects::nonNull)
                    .forEach(rows::add);
            ids.add(json(id));
        }
        List<Map<String, String>> linreg = new ArrayList<>();
        Map<Path, JsonNode> trainings = new TreeMap<>();
        for (Path dir : extras) {
            for (Path f : files(dir)) {
                String name = f.getFileName().toString();
                if (name.equals("linreg.csv")) {
                    linreg.addAll(Tables.rows(f, LINREG_COLUMNS));
                } else if (name.equals("train.json")) {
                    trainings.put(f, json(f));
                }
            }
        }
        for (Path m : pairManifests) {
            if (!Files.isRegularFile(m)) {
                throw new IllegalArgumentException("--manifest " + m + " is not a file (a manifest.csv of snapshot pairs)");
            }
        }
        return new ReportInputs(rows, ids, linreg, trainings, pairManifests);
    }

    private static List<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--extras " + dir + " is not a folder");
        }
        try (Stream<Path> s = Files.walk(dir, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static JsonNode json(Path f) {
        return Json.readTree(f, f.getFileName().toString());
    }
}
