package org.synapticgeometry.regress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.synapticgeometry.files.Json;
import org.synapticgeometry.tracking.RunStatus;
import org.synapticgeometry.tracking.Tracker;
import org.synapticgeometry.tracking.Tracking;
import org.synapticgeometry.tracking.TrackingKeys;

/**
 * A results folder logged into a tracking store as {@code sgeo run} leaves a reproduction there: a parent run
 * (tag {@code stage=workflow}) and, per folder holding a {@code run.json}, one child run with that stage's tag
 * and the folder's files as artifacts.
 *
 * @param parent the parent run's id
 * @param children the stage runs' ids
 */
record TrackedFixture(String parent, List<String> children) {

    /** Logs {@code results} into experiment {@code experiment} of {@code store}. */
    static TrackedFixture log(Tracker store, String experiment, Path results) throws IOException {
        String exp = store.experimentId(experiment);
        String parent = store.createRun(exp, null, "sgeo-run " + results.getFileName(), System.currentTimeMillis());
        store.logBatch(parent, List.of(), Map.of(), Map.of(TrackingKeys.STAGE, Tracking.WORKFLOW));
        List<Path> dirs;
        try (Stream<Path> s = Files.walk(results)) {
            dirs = s.filter(p -> p.getFileName().toString().equals("run.json")).map(Path::getParent).sorted().toList();
        }
        List<String> children = new ArrayList<>();
        for (Path d : dirs) {
            String stage = Json.readTree(d.resolve("run.json"), "run").path("stage").asText();
            String child = store.createRun(exp, null, stage + " " + d.getFileName(), System.currentTimeMillis());
            store.logBatch(child, List.of(), Map.of(), Map.of(TrackingKeys.PARENT, parent, TrackingKeys.STAGE, stage));
            try (Stream<Path> files = Files.list(d)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    store.uploadArtifact(child, f, f.getFileName().toString());
                }
            }
            store.endRun(child, RunStatus.FINISHED, System.currentTimeMillis());
            children.add(child);
        }
        store.endRun(parent, RunStatus.FINISHED, System.currentTimeMillis());
        return new TrackedFixture(parent, children);
    }
}
