package org.synapticgeometry.stage;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.synapticgeometry.files.OutputFolder;
import org.synapticgeometry.tracking.RunStatus;
import org.synapticgeometry.tracking.TrackedRun;

/**
 * A stage's tracked run whose outputs are only what this run wrote: a folder recorded as output
 * contributes the files written into it since the run started, not whatever an earlier run left there
 * (a file named on its own is recorded as named). Everything else goes to the run unchanged.
 */
final class FreshOutputsRun implements TrackedRun {
    private final TrackedRun run;
    private final OutputFolder folder;
    private final PrintWriter log;

    FreshOutputsRun(TrackedRun run, OutputFolder folder, PrintWriter log) {
        this.run = run;
        this.folder = folder;
        this.log = log;
    }

    @Override
    public void logArtifact(Path fileOrDir, String artifactDir) {
        if (!Files.isDirectory(fileOrDir)) {
            run.logArtifact(fileOrDir, artifactDir);
            return;
        }
        Path base = fileOrDir.toAbsolutePath().normalize();
        List<Path> files = regularFiles(base);
        long stale = 0;
        for (Path f : files) {
            if (!folder.wrote(f)) {
                stale++;
                continue;
            }
            Path rel = base.relativize(f.getParent());
            String sub = rel.toString().replace('\\', '/');
            String dir = sub.isEmpty() ? artifactDir : artifactDir.isEmpty() ? sub : artifactDir + "/" + sub;
            run.logArtifact(f, dir);
        }
        if (stale > 0) {
            log.println("sgeo: note: " + stale + " file(s) in " + fileOrDir + " were not written by this run;"
                    + " not recorded as outputs");
        }
    }

    private static List<Path> regularFiles(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(f -> Files.isRegularFile(f) && !f.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String runId() {
        return run.runId();
    }

    @Override
    public void logParams(Map<String, String> params) {
        run.logParams(params);
    }

    @Override
    public void setTags(Map<String, String> tags) {
        run.setTags(tags);
    }

    @Override
    public void logMetric(String key, double value, long step) {
        run.logMetric(key, value, step);
    }

    @Override
    public void logMetrics(Map<String, Double> metrics, long step) {
        run.logMetrics(metrics, step);
    }

    @Override
    public Optional<String> logOnto(String otherRunId, Map<String, Double> metrics, Map<String, String> tags) {
        return run.logOnto(otherRunId, metrics, tags);
    }

    @Override
    public void flush() {
        run.flush();
    }

    @Override
    public TrackedRun startChild(String runName, Map<String, String> params, Map<String, String> tags) {
        return run.startChild(runName, params, tags);
    }

    @Override
    public String recordInput(Path file) {
        return run.recordInput(file);
    }

    @Override
    public void end(RunStatus status) {
        run.end(status);
    }

    @Override
    public void close() {
        run.close();
    }
}
