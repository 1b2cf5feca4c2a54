package org.synapticgeometry.optim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.synapticgeometry.geometry.Potentials;

/**
 * A fused step gives the same bits before and after the JIT compiles it: the interpreter runs the
 * Vector API lane by lane in Java, C2 with SIMD instructions. The same steps run here after a
 * warm-up (compiled) and in a child JVM with {@code -Xint} (never compiled); the fingerprints of
 * the weights must be equal. With the Vector API's own EXP this test fails.
 */
class FusedStepReproducibilityTest {
    private static final String[] POTENTIALS = {"3-norm", "1.5-norm", "2.5-norm", "negative_entropy", "hypentropy:0.1"};

    @Test
    void interpretedAndCompiledStepsGiveTheSameBits() throws Exception {
        for (int i = 0; i < 300; i++) {
            fingerprints(); // warm-up: C2 compiles the sweeps
        }
        String compiled = fingerprints();
        String interpreted = runInterpreted();
        assertThat(interpreted).isEqualTo(compiled);
    }

    /** One line per potential: Arrays.hashCode of the weights after two momentum steps. */
    static String fingerprints() {
        StringBuilder b = new StringBuilder();
        for (String name : POTENTIALS) {
            int n = 4099; // full vectors and a tail
            SplittableRandom r = new SplittableRandom(5);
            ByteBuffer w = buffer(n, r, 2.0);
            ByteBuffer g = buffer(n, r, 20.0); // steps up to ~0.4: hypentropy's far lanes too
            ByteBuffer m = buffer(n, r, 0.0);
            FusedStep step = FusedStep.of(Potentials.parse(name));
            for (int update = 0; update < 2; update++) {
                step.update(w, g, m, new StepCoefficients(0.02f, 1f, 0f, 0f, 0.9f, 0f, false), 1);
            }
            float[] out = new float[n];
            w.asFloatBuffer().get(out);
            b.append(name).append(' ').append(Arrays.hashCode(out)).append('\n');
        }
        return b.toString();
    }

    private static ByteBuffer buffer(int n, SplittableRandom r, double scale) {
        ByteBuffer b = ByteBuffer.allocate(n * Float.BYTES).order(ByteOrder.nativeOrder());
        for (int i = 0; i < n; i++) {
            b.putFloat(i * Float.BYTES, (float) (scale * (r.nextDouble() - 0.5)));
        }
        return b;
    }

    private static String runInterpreted() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xint", "@" + Path.of("bin", "jvm.options").toAbsolutePath(),
                "-cp", System.getProperty("java.class.path"), Probe.class.getName()));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    /** The child JVM's entry point. */
    static final class Probe {
        public static void main(String[] args) {
            System.out.print(fingerprints());
        }
    }
}
