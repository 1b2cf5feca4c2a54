package org.synapticgeometry.optim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synapticgeometry.cli.Sgeo;

/** A JVM started without {@code jdk.incubator.vector} trains every potential on the libtorch path. */
class NoVectorModuleTest {
    @TempDir
    Path dir;

    @Test
    void trainingRunsWithoutTheVectorModule() throws Exception {
        Path params = Files.writeString(dir.resolve("lr.yaml"), String.join("\n", "seed: 0", "seeds: 1",
                "trained_potentials: [2-norm, 3-norm, 1.5-norm, 2.5-norm, negative_entropy, hypentropy:0.1]",
                "candidates: [2-norm, 3-norm]", "dims: [20]", "k: [0.5]", "power: [2]", "correlation_scale: 1.0",
                "input_noise: 0.5", "momentum: 0.9", "lr_min: 0.01", "lr_max: 0.1", "lr_count: 2", "steps: 5",
                "extra_steps: 0", "max_attempts: 1", "target_loss: 1.0e-3", ""));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
                Sgeo.class.getName(), "linreg", "--params", params.toString(), "--out", dir.resolve("out").toString());
        pb.environment().put("MLFLOW_TRACKING_URI", "file:" + dir.resolve("mlruns"));
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(log).isZero();
        assertThat(log).doesNotContain("NoClassDefFoundError").contains("hypentropy:0.1");
    }
}
