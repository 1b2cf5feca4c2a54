package org.synapticgeometry.workflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The identity of the running sgeo build: SHA-256 (first 16 hex digits) of the application's own
 * code (the jar, or every file of the classes folder) and the file names of the class path (the
 * library versions). {@code sgeo run} passes it as {@code --sgeo_build}; every module script names
 * it, so Nextflow's task hash, and with it {@code -resume}, changes when the code does. The jar is
 * built reproducibly (pom: {@code project.build.outputTimestamp}), so a rebuild of the same code
 * keeps the identity.
 */
public final class SgeoBuild {
    private static final int HEX_DIGITS = 16;

    private SgeoBuild() {
    }

    /** The identity of this build. */
    public static String id() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            Path code = Path.of(SgeoBuild.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path file : codeFiles(code)) {
                sha.update(code.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
                sha.update(Files.readAllBytes(file));
            }
            for (String entry : System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)) {
                Path name = Path.of(entry).getFileName();
                if (name != null) {
                    sha.update(name.toString().getBytes(StandardCharsets.UTF_8));
                }
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, HEX_DIGITS);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sgeo build to name it: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException | URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Path> codeFiles(Path code) throws IOException {
        if (Files.isRegularFile(code)) {
            return List.of(code);
        }
        try (Stream<Path> files = Files.walk(code)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
