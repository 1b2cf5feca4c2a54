package org.synapticgeometry.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synapticgeometry.testing.Fixtures;

/**
 * Nextflow's class-data archive: written by a first run that exits 0, published under a key of the
 * engine and the JDK, mapped by later runs (the real JVM with {@code -Xshare:on}, which fails when it
 * cannot map it), and never left half-written.
 */
class EngineClassArchiveTest {
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

    @TempDir
    Path dir;

    private Path engine() throws IOException {
        Path jars = Files.createDirectories(dir.resolve("engine"));
        Files.writeString(jars.resolve("nextflow-0.jar"), "not a real jar");
        return jars;
    }

    @Test
    void aFirstRunWritesToAFileOfItsOwnThatIsPublishedOnlyAfterExitCodeZero() throws IOException {
        Path jars = engine();
        EngineClassArchive first = EngineClassArchive.of(jars, JAVA, Map.of());
        String option = first.jvmOptions().get(0);
        assertThat(option).startsWith("-XX:ArchiveClassesAtExit=" + dir.resolve("cds"));
        Path dump = Path.of(option.substring(option.indexOf('=') + 1));
        assertThat(dump.getFileName().toString()).matches("nextflow-[0-9a-f]{16}\\.jsa\\.[0-9]+");
        Files.writeString(dump, "archive");
        first.finish(1);
        assertThat(cdsFiles()).isEmpty();
        Files.writeString(dump, "archive");
        first.finish(0);
        assertThat(cdsFiles()).hasSize(1).allMatch(f -> f.getFileName().toString().matches("nextflow-[0-9a-f]{16}\\.jsa"));
        EngineClassArchive later = EngineClassArchive.of(jars, JAVA, Map.of());
        assertThat(later.jvmOptions()).containsExactly("-XX:SharedArchiveFile=" + cdsFiles().get(0),
                "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    }

    @Test
    void anArchiveLeftByAKilledLauncherIsRemovedAndOneBeingWrittenIsKept() throws IOException {
        Path jars = engine();
        String option = EngineClassArchive.of(jars, JAVA, Map.of()).jvmOptions().get(0);
        String name = Path.of(option.substring(option.indexOf('=') + 1)).getFileName().toString().replaceAll("[0-9]+$", "");
        Path alive = Files.writeString(dir.resolve("cds").resolve(name + ProcessHandle.current().pid()), "being written");
        Path gone = Files.writeString(dir.resolve("cds").resolve(name + 999_999_999L), "abandoned");
        EngineClassArchive.of(jars, JAVA, Map.of());
        assertThat(alive).exists();
        assertThat(gone).doesNotExist();
    }

    @Test
    void anotherEngineGetsAnotherArchiveAndTheSwitchTurnsThemOff() throws IOException {
        Path jars = engine();
        String before = EngineClassArchive.of(jars, JAVA, Map.of()).jvmOptions().get(0);
        Files.setLastModifiedTime(jars.resolve("nextflow-0.jar"), FileTime.fromMillis(0));
        String after = EngineClassArchive.of(jars, JAVA, Map.of()).jvmOptions().get(0);
        assertThat(after.replaceAll("\\.[0-9]+$", "")).isNotEqualTo(before.replaceAll("\\.[0-9]+$", ""));
        assertThat(EngineClassArchive.of(jars, JAVA, Map.of("SGEO_CDS", "0")).jvmOptions()).isEmpty();
    }

    @Test
    void theRealEngineWritesItsArchiveOnceAndMapsItAfter() throws IOException {
        Fixtures.assumeNextflowEngine();
        Path jars = Files.createDirectories(dir.resolve("nextflow"));
        try (Stream<Path> real = Files.list(Path.of("target", "nextflow").toAbsolutePath())) {
            for (Path jar : real.filter(f -> f.toString().endsWith(".jar")).toList()) {
                Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar);
            }
        }
        String previous = System.setProperty(NextflowEngine.DIR_PROPERTY, jars.toString());
        try {
            version(Map.of("SGEO_CDS", "0"), 0);
            assertThat(cdsFiles()).isEmpty();
            version(Map.of(), 0);
            assertThat(cdsFiles()).hasSize(1);
            Path archive = cdsFiles().get(0);
            assertThat(Files.size(archive)).isGreaterThan(1_000_000);
            FileTime written = Files.getLastModifiedTime(archive);
            String mapped = version(Map.of("NXF_JVM_ARGS", "-Xshare:on"), 0);
            assertThat(mapped).contains("version 24.10.0");
            assertThat(cdsFiles()).containsExactly(archive);
            assertThat(Files.getLastModifiedTime(archive)).isEqualTo(written);
            Files.writeString(archive, "garbage");
            assertThat(version(Map.of("NXF_JVM_ARGS", "-Xshare:on"), 1)).contains("shared");
        } finally {
            if (previous == null) {
                System.clearProperty(NextflowEngine.DIR_PROPERTY);
            } else {
                System.setProperty(NextflowEngine.DIR_PROPERTY, previous);
            }
        }
    }

    private String version(Map<String, String> env, int expectedCode) throws IOException {
        StringWriter out = new StringWriter();
        Path launch = Files.createDirectories(dir.resolve("launch"));
        int code = NextflowEngine.locate().run(List.of("-version"), launch, env, new PrintWriter(out), new PrintWriter(out));
        assertThat(code).as(out.toString()).isEqualTo(expectedCode);
        return out.toString();
    }

    private List<Path> cdsFiles() throws IOException {
        Path cds = dir.resolve("cds");
        if (!Files.isDirectory(cds)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(cds)) {
            return files.sorted().toList();
        }
    }
}
