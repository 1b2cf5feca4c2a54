package org.synapticgeometry.tracking;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a stage does with its tracked run, written once for the integration tests: options as
 * params, tags, per-epoch loss/accuracy with step, per-candidate scores, an input file, output
 * files as artifacts (one in a sub-folder).
 */
final class StageFixture {
    static final int EPOCHS = 3;

    private StageFixture() {
    }

    static Map<String, String> params() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("potential", "3-norm");
        p.put("learning_rate", "0.01");
        p.put("epochs", Integer.toString(EPOCHS));
        p.put("seed", "7");
        p.put("device", "cpu");
        return p;
    }

    static Map<String, String> tags() {
        return Map.of("potential", "3-norm", "architecture", "mlp", "seed", "7");
    }

    /** Loss at an epoch (a value the test can recompute). */
    static double loss(int epoch) {
        return 1.0 / (epoch + 1);
    }

    /** Logs epochs {@code from..to-1}. */
    static void epochs(TrackedRun run, int from, int to) {
        for (int e = from; e < to; e++) {
            run.logMetrics(Map.of("train.loss", loss(e), "train.accuracy", 0.5 + 0.1 * e), e);
        }
    }

    /** Writes the outputs and logs them, plus the score metrics. */
    static void finish(TrackedRun run, Path outDir) throws IOException {
        run.logMetric("score.delta_cdf/3-norm", 0.0123, 0);
        run.logMetric("score.delta_cdf/2-norm", Double.NaN, 0);
        Path table = Files.writeString(outDir.resolve("scores.csv"), "candidate,delta_cdf\n3-norm,0.0123\n");
        Path plots = Files.createDirectories(outDir.resolve("plots"));
        Files.write(plots.resolve("cdf.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, 3});
        run.logArtifact(table, "");
        run.logArtifact(plots, "plots");
    }

    /** A complete stage run; returns its id. */
    static String run(TrackingConfig config, Path outDir, Path input) throws IOException {
        try (TrackedRun run = Tracking.startStage(config, "finetune-per-map", outDir, params(), tags())) {
            run.recordInput(input);
            epochs(run, 0, EPOCHS);
            finish(run, outDir);
            return run.runId();
        }
    }
}
