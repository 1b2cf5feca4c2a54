package org.synapticgeometry.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/** Files written atomically get the mode any program would give them under the umask, not 0600. */
class AtomicFilesUmaskTest {
    @TempDir
    Path dir;

    /** Writes the file named by the first argument atomically (run in a child JVM under a chosen umask). */
    public static void main(String[] args) {
        AtomicFiles.writeString(Path.of(args[0]), "x\n");
        Json.write(Path.of(args[0] + ".json"), List.of(1));
    }

    @ParameterizedTest
    @CsvSource({"022, rw-r--r--", "077, rw-------", "002, rw-rw-r--"})
    void atomicWritesHonourTheUmask(String umask, String expected) throws Exception {
        Path target = dir.resolve("sub").resolve("out.txt");
        String java = ProcessHandle.current().info().command().orElse("java");
        String cp = System.getProperty("java.class.path");
        Process p = new ProcessBuilder("sh", "-c", "umask " + umask + " && exec \"$0\" -cp \"$1\" "
                + AtomicFilesUmaskTest.class.getName() + " \"$2\"", java, cp, target.toString())
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo(expected);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target.resolveSibling("out.txt.json"))))
                .isEqualTo(expected);
        try (var left = Files.list(target.getParent())) {
            assertThat(left.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("out.txt", "out.txt.json");
        }
    }
}
