package org.synapticgeometry.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build identity follows the code, not the commit a jar was built from nor its timestamps. */
class SgeoBuildTest {
    private static final List<String> CLASS_PATH = List.of("/lib/api-0.36.0.jar", "/lib/pytorch-engine-0.36.0.jar");

    @TempDir
    Path dir;

    /** The files of a jar built from a commit: a real class, the version file and the manifest. */
    private static Map<String, byte[]> build(String commit) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("META-INF/MANIFEST.MF", ("Manifest-Version: 1.0\nBuild-Jdk-Spec: 17\nCommit: " + commit + "\n").getBytes(StandardCharsets.UTF_8));
        files.put("META-INF/maven/org.synapticgeometry/synaptic-geometry/pom.properties",
                ("#built " + commit + "\nversion=0.1.0\n").getBytes(StandardCharsets.UTF_8));
        files.put("org/synapticgeometry/workflow/SgeoBuild.class", classBytes());
        files.put("simplelogger.properties", "org.slf4j.simpleLogger.defaultLogLevel=warn\n".getBytes(StandardCharsets.UTF_8));
        files.put("sgeo-version.properties", ("version=0.1.0\ndjl=0.36.0\nlibtorch=2.7.1\ngit.commit=" + commit + "\n")
                .getBytes(StandardCharsets.UTF_8));
        return files;
    }

    private static byte[] classBytes() throws IOException {
        try (var in = SgeoBuild.class.getResourceAsStream("SgeoBuild.class")) {
            return in.readAllBytes();
        }
    }

    private Path jar(String name, Map<String, byte[]> files, long time) throws IOException {
        Path jar = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (var file : files.entrySet()) {
                ZipEntry entry = new ZipEntry(file.getKey());
                entry.setLastModifiedTime(FileTime.fromMillis(time));
                zip.putNextEntry(entry);
                zip.write(file.getValue());
                zip.closeEntry();
            }
        }
        return jar;
    }

    private Path folder(String name, Map<String, byte[]> files) throws IOException {
        Path root = dir.resolve(name);
        for (var file : files.entrySet()) {
            Path target = root.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.write(target, file.getValue());
        }
        return root;
    }

    @Test
    void jarsThatDifferOnlyInTheirCommitAndTimestampsHaveOneIdentity() throws IOException {
        String a = SgeoBuild.id(jar("a.jar", build("89cd3b61ce81742886cca1402a04b62bffa510a0"), 0L), CLASS_PATH);
        String b = SgeoBuild.id(jar("b.jar", build("e1b3ceb0000000000000000000000000000000ff-dirty"), 1_700_000_000_000L), CLASS_PATH);
        assertThat(a).matches("[0-9a-f]{16}").isEqualTo(b);
    }

    @Test
    void aChangedClassOrResourceOrLibraryChangesTheIdentity() throws IOException {
        Map<String, byte[]> files = build("89cd3b6");
        String base = SgeoBuild.id(jar("base.jar", files, 0L), CLASS_PATH);

        Map<String, byte[]> changedClass = build("89cd3b6");
        byte[] code = changedClass.get("org/synapticgeometry/workflow/SgeoBuild.class").clone();
        code[code.length - 1] ^= 1;
        changedClass.put("org/synapticgeometry/workflow/SgeoBuild.class", code);
        assertThat(SgeoBuild.id(jar("class.jar", changedClass, 0L), CLASS_PATH)).isNotEqualTo(base);

        Map<String, byte[]> changedResource = build("89cd3b6");
        changedResource.put("sgeo-version.properties", "version=0.1.0\ndjl=0.37.0\nlibtorch=2.7.1\ngit.commit=89cd3b6\n"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(SgeoBuild.id(jar("resource.jar", changedResource, 0L), CLASS_PATH)).isNotEqualTo(base);

        assertThat(SgeoBuild.id(jar("same.jar", files, 0L), List.of("/lib/api-0.37.0.jar", "/lib/pytorch-engine-0.36.0.jar")))
                .isNotEqualTo(base);
    }

    @Test
    void aClassesFolderIsNamedLikeTheJarOfTheSameFiles() throws IOException {
        String jar = SgeoBuild.id(jar("a.jar", build("89cd3b6"), 0L), CLASS_PATH);
        assertThat(SgeoBuild.id(folder("classes-a", build("89cd3b6")), CLASS_PATH)).isEqualTo(jar);
        assertThat(SgeoBuild.id(folder("classes-b", build("e1b3ceb")), CLASS_PATH)).isEqualTo(jar);
    }
}
