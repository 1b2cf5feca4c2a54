package org.synapticgeometry.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * libtorch loaded on a background thread: the thread that asked for it gets libtorch's per-thread settings
 * as if it had loaded the engine itself (the intra-op thread count of {@code ai.djl.pytorch.num_threads},
 * which the weights' bits follow, and gradient recording off); a bad device name fails before any loading.
 */
class DevicesTest {

    @Test
    void theRequestingThreadTakesOverTheLoadersThreadCountAndGradientMode() throws Exception {
        assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "libtorch's default is then 1 thread anyway");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1", "-cp", System.getProperty("java.class.path"),
                DevicesProbe.class.getName()).redirectErrorStream(true);
        pb.environment().remove("OMP_NUM_THREADS");
        Process p = pb.start();
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("the probe did not finish in 3 minutes");
        }
        List<String> out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(p.exitValue()).as(String.join("\n", out)).isZero();
        assertThat(out).last().isEqualTo("threads 1, grad mode false");
    }

    @Test
    void aBadNameFailsWithoutLibtorch() {
        assertThatThrownBy(() -> Devices.check("tpu")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--device must be auto, cpu or gpu, found tpu");
    }
}
