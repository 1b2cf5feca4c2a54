package org.synapticgeometry.regress;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.synapticgeometry.files.CsvTable;
import org.synapticgeometry.files.Json;

/**
 * Reads the headline figures of a results folder: a workflow's outdir, or any folder holding outputs of
 * {@code sgeo score} ({@code scores.csv}, {@code identification.json}), {@code sgeo linreg}
 * ({@code linreg.json}) and {@code sgeo finetune-per-map} ({@code train.json}), found at any depth
 * (Nextflow {@code work} folders and hidden folders are skipped). A linear-regression run that a score
 * folder also scored is taken from the score folder only; a run scored twice with different results is bad
 * input. Provenance comes from every {@code run.json}.
 */
final class ResultsFolder {
    private static final String SCORES = "scores.csv";
    private static final String IDENTIFICATION = "identification.json";
    private static final String LINREG = "linreg.json";
    private static final String TRAIN = "train.json";
    private static final String RUN = "run.json";
    private static final String POOLED = "pooled";

    private static final Set<String> WANTED = Set.of(SCORES, IDENTIFICATION, LINREG, TRAIN, RUN);
    private final Map<Cell, List<Double>> figures = new TreeMap<>();
    private final Map<String, List<String>> failed = new TreeMap<>();
    private final Map<Cell, SortedMap<String, Integer>> identifiedAs = new HashMap<>();
    private final Map<String, Scored> scored = new HashMap<>();
    private final Map<String, String> architectureOf = new HashMap<>();
    private final Set<String> scoreRuns = new java.util.HashSet<>();
    private final RunProvenanceReader provenance = new RunProvenanceReader();

    /** One run's value of one figure and the file it came from, to catch a run scored twice. */
    private record Scored(double value, Path file) {
    }

    private ResultsFolder() {
    }

    /**
     * Reads {@code folder}.
     *
     * @throws IllegalArgumentException if the folder is missing or holds none of the four files, or a file is
     *     unreadable or malformed (naming it)
     */
    static Results read(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("--results " + folder + " is not a folder; give a workflow outdir"
                    + " or a folder of sgeo score/linreg/finetune-per-map outputs");
        }
        return read(folder.toString(), files(folder));
    }

    /**
     * Reads the figures of files found elsewhere (e.g. the artifacts of tracked runs).
     *
     * @param source what the files are, for messages
     * @param files the files by name ({@code scores.csv}, {@code identification.json}, {@code linreg.json},
     *     {@code train.json}, {@code run.json}); other names are ignored
     */
    static Results read(String source, Map<String, List<Path>> files) {
        if (files.getOrDefault(SCORES, List.of()).isEmpty() && files.getOrDefault(LINREG, List.of()).isEmpty()
                && files.getOrDefault(TRAIN, List.of()).isEmpty()) {
            throw new IllegalArgumentException("--results " + source + " holds no " + SCORES + ", " + LINREG
                    + " or " + TRAIN + "; run the reproduction first or give its outdir");
        }
        ResultsFolder r = new ResultsFolder();
        files.getOrDefault(SCORES, List.of()).forEach(r::readScores);
        files.getOrDefault(IDENTIFICATION, List.of()).forEach(r::readIdentification);
        files.getOrDefault(LINREG, List.of()).forEach(r::readLinreg);
        files.getOrDefault(TRAIN, List.of()).forEach(r::readTraining);
        files.getOrDefault(RUN, List.of()).forEach(f -> r.provenance.add(f, json(f)));
        return new Results(source, new TreeMap<>(r.figures), r.identifiedAs, r.failed, r.provenance.result());
    }

    /** Whether a file of this name is one the figures are read from. */
    static boolean wanted(String fileName) {
        return WANTED.contains(fileName);
    }

    private static Map<String, List<Path>> files(Path root) {
        Map<String, List<Path>> found = new HashMap<>();
        try (Stream<Path> s = Files.walk(root, FileVisitOption.FOLLOW_LINKS)) {
            s.filter(p -> wanted(p.getFileName().toString()) && !skipped(root.relativize(p)))
                    .filter(Files::isRegularFile).sorted()
                    .forEach(p -> found.computeIfAbsent(p.getFileName().toString(), k -> new ArrayList<>()).add(p));
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException("--results " + root + " cannot be listed: " + e.getMessage(), e);
        }
        return found;
    }

    private static boolean skipped(Path relative) {
        for (Path part : relative) {
            String name = part.toString();
            if (name.equals("work") || name.startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private void readScores(Path file) {
        CsvTable t = CsvTable.read(file, SCORES);
        String header = "run_id,trained_potential,architecture,scope,candidate,n,delta_cdf";
        int run = t.requireColumn("run_id", header);
        int trained = t.requireColumn("trained_potential", header);
        int arch = t.requireColumn("architecture", header);
        int scope = t.requireColumn("scope", header);
        int candidate = t.requireColumn("candidate", header);
        int n = t.requireColumn("n", header);
        int delta = t.requireColumn("delta_cdf", header);
        int excluded = t.column("excluded");
        int role = t.column("role");
        for (int i = 0; i < t.size(); i++) {
            List<String> r = t.row(i);
            if (r == null) {
                continue;
            }
            architectureOf.put(r.get(run), r.get(arch));
            scoreRuns.add(r.get(run));
            boolean candidateRow = role < 0 || r.get(role).equals("candidate");
            if (!candidateRow || !r.get(scope).equals(POOLED) || r.get(trained).isEmpty()) {
                continue;
            }
            long size = count(file, i, "n", r.get(n)) + (excluded < 0 ? 0 : count(file, i, "excluded", r.get(excluded)));
            Cell cell = Cell.deltaCdf(r.get(arch), size, r.get(trained), r.get(candidate));
            add(cell, r.get(run), number(file, i, "delta_cdf", r.get(delta)), file);
        }
    }

    private void readIdentification(Path file) {
        JsonNode root = json(file);
        for (JsonNode run : root.path("runs")) {
            String id = run.path("run_id").asText();
            String trained = run.path("trained_potential").asText("");
            if (trained.isEmpty()) {
                continue;
            }
            Cell cell = Cell.identification(architecture(run, id), trained, run.path("scope").asText(POOLED));
            addIdentified(cell, id, trained, run.path("identified"), file);
        }
        for (JsonNode run : root.path("failed")) {
            String trained = run.path("trained_potential").asText("");
            if (!trained.isEmpty()) {
                failed.computeIfAbsent(Results.runGroup(architecture(run, run.path("run_id").asText()), trained),
                        k -> new ArrayList<>()).add(run.path("run_id").asText() + ": " + run.path("reason").asText());
            }
        }
    }

    private void readLinreg(Path file) {
        for (JsonNode run : json(file).path("runs")) {
            String id = run.path("run_id").asText();
            String trained = run.path("trained_potential").asText("");
            if (trained.isEmpty() || scoreRuns.contains(id)) {
                continue;
            }
            run.path("scores").fields().forEachRemaining(e -> {
                JsonNode s = e.getValue();
                long size = s.has("scored") ? s.path("scored").asLong() + s.path("excluded").asLong()
                        : run.path("d").asLong();
                add(Cell.deltaCdf("linear", size, trained, e.getKey()), id, finite(s.path("delta_cdf")), file);
            });
            addIdentified(Cell.identification("linear", trained, POOLED), id, trained, run.path("identified"), file);
        }
    }

    private void readTraining(Path file) {
        JsonNode t = json(file);
        if (!t.has("test_accuracy_after") || !t.has("potential")) {
            return;
        }
        Cell cell = Cell.testAccuracy(t.path("architecture").asText("unknown"), t.path("potential").asText());
        add(cell, file.getParent().toString(), finite(t.path("test_accuracy_after")), file);
    }

    private void addIdentified(Cell cell, String runId, String trained, JsonNode identified, Path file) {
        String as = identified.isTextual() ? identified.asText() : "none";
        if (add(cell, runId, trained.equals(as) ? 1.0 : 0.0, file)) {
            identifiedAs.computeIfAbsent(cell, c -> new TreeMap<>()).merge(as, 1, Integer::sum);
        }
    }

    /** Adds one run's value of a figure; false when the run already gave the same value. */
    private boolean add(Cell cell, String runId, double value, Path file) {
        String key = runId + " " + cell;
        Scored before = scored.putIfAbsent(key, new Scored(value, file));
        if (before == null) {
            figures.computeIfAbsent(cell, c -> new ArrayList<>()).add(value);
            return true;
        } else if (Double.compare(before.value, value) != 0) {
            throw new IllegalArgumentException("run '" + runId + "' has two values of " + cell.name() + ": "
                    + before.value + " in " + before.file + " and " + value + " in " + file
                    + "; give --results a folder with one reproduction");
        }
        return false;
    }

    private String architecture(JsonNode run, String runId) {
        String a = run.path("architecture").asText("");
        return a.isEmpty() ? architectureOf.getOrDefault(runId, "unknown") : a;
    }

    private static double finite(JsonNode v) {
        return v.isNumber() ? v.asDouble() : Double.NaN;
    }

    private static long count(Path file, int row, String column, String text) {
        double v = number(file, row, column, text);
        if (v != Math.rint(v) || v < 0) {
            throw new IllegalArgumentException(file + " row " + CsvTable.lineOf(row) + ": " + column
                    + " must be a whole number, found '" + text + "'");
        }
        return (long) v;
    }

    private static double number(Path file, int row, String column, String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + " row " + CsvTable.lineOf(row) + ": " + column
                    + " must be a number, found '" + text + "'");
        }
    }

    private static JsonNode json(Path f) {
        return Json.readTree(f, f.getFileName().toString());
    }
}
