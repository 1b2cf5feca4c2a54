package org.synapticgeometry.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synapticgeometry.stage.Stage;
import org.synapticgeometry.stage.StageContext;
import org.synapticgeometry.stage.StageOptions;
import org.synapticgeometry.stage.Stages;

/**
 * {@link Stages#run} owns a stage's tracked run: whatever goes wrong while ending it (run.json cannot be
 * written), the run ends FAILED in the store, never RUNNING, and the error reaches the caller.
 */
class StageRunEndTest {
    @TempDir
    Path dir;

    private final FileStore store = new FileStore(TrackingUri.parse(System.getenv(TrackingKeys.ENV_URI)).store());

    record Options(Path out) implements StageOptions {
        @Override
        public Map<String, String> params() {
            return Map.of("x", "1");
        }
    }

    /** A stage that logs a value and then turns its output folder into a file, so run.json cannot be written. */
    private static Stage<Options, String> breaksItsOutputFolder(AtomicReference<String> runId) {
        return new Stage<>() {
            @Override
            public String name() {
                return "break-out";
            }

            @Override
            public String execute(Options o, StageContext context) {
                runId.set(context.run().runId());
                context.run().logMetric("value", 3.0, 0);
                try (var files = Files.list(o.out())) {
                    for (Path f : files.toList()) {
                        Files.delete(f); // the stage's lock file, held by Stages.run
                    }
                    Files.delete(o.out());
                    Files.writeString(o.out(), "not a folder");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return "done";
            }
        };
    }

    @Test
    void aRunJsonThatCannotBeWrittenEndsTheRunFailedNotRunning() throws IOException {
        Path out = Files.createDirectories(dir.resolve("out"));
        AtomicReference<String> runId = new AtomicReference<>();
        assertThatThrownBy(() -> Stages.run(breaksItsOutputFolder(runId), new Options(out),
                new PrintWriter(new StringWriter()))).hasMessageContaining("run.json");
        StoredRun run = store.readRun(runId.get());
        assertThat(run.status()).isEqualTo("FAILED");
        assertThat(run.endTime()).isNotNull();
        assertThat(run.metrics()).extracting(MetricPoint::value).containsExactly(3.0);
    }
}
