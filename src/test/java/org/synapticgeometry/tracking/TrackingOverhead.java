package org.synapticgeometry.tracking;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Measures the logging overhead of a synthetic stage run (20 params, 50 epochs of 2 metrics, one
 * 1 MB artifact, run.json) on the backend the environment selects; prints one line per repetition.
 * Not a test: run it with the test classpath (see docs/tracking.md, "Logging overhead").
 */
public final class TrackingOverhead {
    private TrackingOverhead() {
    }

    /** Args: output folder, repetitions (default 4). */
    public static void main(String[] args) throws IOException {
        TrackingConfig config = TrackingConfig.fromEnv(System.getenv());
        Path out = Files.createDirectories(Path.of(args[0]));
        Path artifact = Files.write(out.resolve("weights.bin"), new byte[1 << 20]);
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            params.put("option_" + i, "value " + i);
        }
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        for (int rep = 0; rep < reps; rep++) {
            long t0 = System.nanoTime();
            try (TrackedRun run = Tracking.startStage(config, "bench", out, params, Map.of("seed", "1"))) {
                for (int epoch = 0; epoch < 50; epoch++) {
                    run.logMetrics(Map.of("train.loss", 1.0 / (epoch + 1), "train.accuracy", epoch / 50.0), epoch);
                }
                run.logArtifact(artifact, "");
            }
            Map<String, String> t = RunRecord.read(out.resolve("run.json")).tracking();
            System.out.printf("%s run %d: wall %.3f s, %s records, overhead until run.json %s s%n",
                    t.get("backend"), rep, (System.nanoTime() - t0) / 1e9, t.get("records"), t.get("overhead_seconds"));
        }
    }
}
