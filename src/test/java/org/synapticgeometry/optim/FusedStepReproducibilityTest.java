package org.synapticgeometry.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.synapticgeometry.geometry.Potentials;

/**
 * A fused step gives the same bits before and after the JIT compiles it, and on every JDK: the
 * interpreter runs the Vector API lane by lane in Java, C2 with SIMD instructions, Java 17 reads
 * byte buffers and later JDKs memory segments. The same steps run here after a warm-up (compiled),
 * in a child JVM with {@code -Xint} (never compiled) and, where one is installed, in a child JVM of
 * the newest JDK under {@code /usr/lib/jvm} (compiled), and in child JVMs whose vectors are narrower
 * ({@code -XX:MaxVectorSize}, as on CPUs without AVX-512); the fingerprints of the weights and momentum
 * buffers must be equal. With the Vector API's own EXP the first check fails.
 */
class FusedStepReproducibilityTest {
    private static final String[] POTENTIALS = {"2-norm", "3-norm", "1.5-norm", "2.5-norm", "negative_entropy", "hypentropy:0.1"};

    @Test
    void interpretedAndCompiledStepsGiveTheSameBits() throws Exception {
        for (int i = 0; i < 300; i++) {
            fingerprints(); // warm-up: C2 compiles the sweeps
        }
        String compiled = fingerprints();
        String interpreted = runChild(javaOf(Path.of(System.getProperty("java.home"))), "-Xint");
        assertThat(interpreted).isEqualTo(compiled);
    }

    /**
     * A CPU with narrower vectors (AVX2's 256 bits, SSE's 128, against AVX-512's 512 here) gives the same
     * bits: a lane's result must not depend on the lanes that share its vector.
     */
    @Test
    void narrowerVectorsGiveTheSameBits() throws Exception {
        String here = fingerprints();
        for (int bytes : new int[] {32, 16}) {
            String narrower = runChild(javaOf(Path.of(System.getProperty("java.home"))), "-XX:MaxVectorSize=" + bytes);
            assertThat(narrower).as("fingerprints with %d-byte vectors", bytes).isEqualTo(here);
        }
    }

    @Test
    void theNewestInstalledJdkGivesTheSameBits() throws Exception {
        Path newest = newestJdk();
        assumeTrue(newest != null && !newest.equals(Path.of(System.getProperty("java.home")).toRealPath()),
                "no second JDK under /usr/lib/jvm");
        String there = runChild(javaOf(newest), "-Dsgeo.probe.warm=true");
        assertThat(there).as("fingerprints under " + newest).isEqualTo(fingerprints());
    }

    /** One line per potential: Arrays.hashCode of the weights and of the momentum after two momentum steps. */
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
            b.append(name).append(' ').append(hash(w)).append(' ').append(hash(m)).append('\n');
        }
        return b.toString();
    }

    private static int hash(ByteBuffer buffer) {
        float[] values = new float[buffer.capacity() / Float.BYTES];
        buffer.asFloatBuffer().get(values);
        return Arrays.hashCode(values);
    }

    private static ByteBuffer buffer(int n, SplittableRandom r, double scale) {
        ByteBuffer b = ByteBuffer.allocate(n * Float.BYTES).order(ByteOrder.nativeOrder());
        for (int i = 0; i < n; i++) {
            b.putFloat(i * Float.BYTES, (float) (scale * (r.nextDouble() - 0.5)));
        }
        return b;
    }

    /** The newest JDK under /usr/lib/jvm by feature version, or null. */
    private static Path newestJdk() throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return null;
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(h -> Files.isExecutable(javaOf(h)) && Files.isRegularFile(h.resolve("release")))
                    .max(Comparator.comparingInt(FusedStepReproducibilityTest::featureVersion)).map(h -> {
                        try {
                            return h.toRealPath();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }).orElse(null);
        }
    }

    /** The feature version in a JDK's release file (JAVA_VERSION="25.0.1" gives 25), 0 if unreadable. */
    private static int featureVersion(Path home) {
        try {
            Matcher m = Pattern.compile("JAVA_VERSION=\"(\\d+)").matcher(Files.readString(home.resolve("release")));
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static Path javaOf(Path home) {
        return home.resolve("bin").resolve("java");
    }

    private static String runChild(Path java, String option) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java.toString(), option, "@" + Path.of("bin", "jvm.options").toAbsolutePath(),
                "-cp", System.getProperty("java.class.path"), Probe.class.getName()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.lines().filter(line -> !line.startsWith("WARNING")).map(line -> line + "\n").collect(Collectors.joining());
    }

    /** The child JVM's entry point; {@code -Dsgeo.probe.warm=true} first lets C2 compile the sweeps. */
    static final class Probe {
        public static void main(String[] args) {
            if (Boolean.getBoolean("sgeo.probe.warm")) {
                for (int i = 0; i < 300; i++) {
                    fingerprints();
                }
            }
            System.out.print(fingerprints());
        }
    }
}
