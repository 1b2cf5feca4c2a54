package org.synapticgeometry.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * libtorch loaded on a background thread: the thread that asked for it gets libtorch's per-thread settings
 * as if it had loaded the engine itself (the intra-op thread count of {@code ai.djl.pytorch.num_threads},
 * which the weights' bits follow, and gradient recording off), and the file operations rehearsed before the
 * load leave nothing behind; a bad device name fails before any loading.
 */
class DevicesTest {

    @Test
    void theRequestingThreadTakesOverTheLoadersThreadCountAndGradientMode(@TempDir Path tmp) throws Exception {
        assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "libtorch's default is then 1 thread anyway");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1", "-Djava.io.tmpdir=" + tmp, "-cp",
                System.getProperty("java.class.path"), DevicesProbe.class.getName()).redirectErrorStream(true);
        pb.environment().remove("OMP_NUM_THREADS");
        Process p = pb.start();
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("the probe did not finish in 3 minutes");
        }
        List<String> out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(p.exitValue()).as(String.join("\n", out)).isZero();
        assertThat(out).last().isEqualTo("threads 1, grad mode false");
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left).as("left in the temporary folder").isEmpty();
        }
    }

    @Test
    void aBadNameFailsWithoutLibtorch() {
        assertThatThrownBy(() -> Devices.check("tpu")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--device must be auto, cpu or gpu, found tpu");
    }
}
