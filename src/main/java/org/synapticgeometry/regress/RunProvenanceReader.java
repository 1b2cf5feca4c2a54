package org.synapticgeometry.regress;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Gathers a {@link RunProvenance} from the {@code run.json} records of a reproduction's stage runs. Params
 * that name where files are (outputs, inputs, data folders) are left out: they differ between two copies of
 * the same experiment and say nothing about its science.
 */
final class RunProvenanceReader {
    private static final Set<String> LOCATIONS = Set.of("out", "pretrained", "data_dir", "images", "manifest",
            "pair", "pairs", "scores", "extras", "torchscript", "params", "sizes", "init", "final", "snapshots");

    private final SortedSet<String> experiments = new TreeSet<>();
    private final SortedSet<String> commits = new TreeSet<>();
    private final SortedMap<String, SortedSet<String>> params = new TreeMap<>();
    private int runs;
    private Instant first;
    private Instant last;
    private double stageSeconds;
    private boolean timed = true;

    /** Adds one {@code run.json}. */
    void add(Path file, JsonNode run) {
        if (!run.has("stage") || !run.has("params")) {
            throw new IllegalArgumentException(file + " is not a stage's run.json (no stage or params); remove it"
                    + " from the results folder");
        }
        runs++;
        text(run, "experiment").ifPresent(experiments::add);
        text(run, "git_commit").ifPresent(commits::add);
        String stage = run.path("stage").asText();
        run.path("params").fields().forEachRemaining(p -> {
            String name = p.getKey().startsWith(stage + ".") ? p.getKey().substring(stage.length() + 1) : p.getKey();
            if (!LOCATIONS.contains(name)) {
                params.computeIfAbsent(stage + "." + name, k -> new TreeSet<>()).add(p.getValue().asText());
            }
        });
        time(run);
    }

    private void time(JsonNode run) {
        try {
            Instant start = Instant.parse(run.path("start_time").asText());
            Instant end = Instant.parse(run.path("end_time").asText());
            first = first == null || start.isBefore(first) ? start : first;
            last = last == null || end.isAfter(last) ? end : last;
            stageSeconds += (end.toEpochMilli() - start.toEpochMilli()) / 1000.0;
        } catch (DateTimeParseException e) {
            timed = false;
        }
    }

    RunProvenance result() {
        Map<String, String> flat = new TreeMap<>();
        params.forEach((k, v) -> flat.put(k, String.join(",", v)));
        boolean hasTimes = timed && first != null;
        return new RunProvenance(experiments.stream().toList(), commits.stream().toList(),
                new TreeMap<>(flat), runs, hasTimes ? (last.toEpochMilli() - first.toEpochMilli()) / 1000.0 : Double.NaN,
                hasTimes ? stageSeconds : Double.NaN);
    }

    private static java.util.Optional<String> text(JsonNode node, String key) {
        JsonNode v = node.get(key);
        return v == null || v.isNull() || v.asText().isBlank() ? java.util.Optional.empty()
                : java.util.Optional.of(v.asText());
    }
}
