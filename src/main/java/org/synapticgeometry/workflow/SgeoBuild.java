package org.synapticgeometry.workflow;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The identity of the running sgeo build: SHA-256 (first 16 hex digits) of what determines a stage's
 * results, namely the application's class files and the resources it loads (by name and content, in
 * name order, from the jar or the classes folder), and the file names of the class path (the library
 * versions). Left out: the jar's manifest, Maven's {@code META-INF/maven/} copy of the pom, the git
 * commit line of {@code sgeo-version.properties}, and every timestamp, so a commit that changes no
 * code (docs, params, workflows) keeps the identity. {@code sgeo run} passes it as
 * {@code --sgeo_build}; every module script names it, so Nextflow's task hash, and with it
 * {@code -resume}, changes when the code does.
 */
public final class SgeoBuild {
    private static final int HEX_DIGITS = 16;
    private static final String VERSION_FILE = "sgeo-version.properties";
    private static final String COMMIT_KEY = "git.commit=";

    private SgeoBuild() {
    }

    /** The identity of this build. */
    public static String id() {
        try {
            Path code = Path.of(SgeoBuild.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return id(code, List.of(System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The identity of the code in {@code code} (a jar or a classes folder) run with {@code classPath}. */
    static String id(Path code, List<String> classPath) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (var entry : contents(code).entrySet()) {
                sha.update(entry.getKey().getBytes(StandardCharsets.UTF_8));
                sha.update(entry.getValue());
            }
            for (String element : classPath) {
                Path name = Path.of(element).getFileName();
                if (name != null) {
                    sha.update(name.toString().getBytes(StandardCharsets.UTF_8));
                }
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, HEX_DIGITS);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sgeo build " + code + " to name it: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The files that determine results, by name ('/'-separated), with their relevant bytes. */
    private static TreeMap<String, byte[]> contents(Path code) throws IOException {
        TreeMap<String, byte[]> out = new TreeMap<>();
        if (Files.isRegularFile(code)) {
            try (ZipFile jar = new ZipFile(code.toFile())) {
                for (ZipEntry entry : jar.stream().filter(e -> !e.isDirectory() && determinesResults(e.getName())).toList()) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        out.put(entry.getName(), relevantBytes(entry.getName(), in.readAllBytes()));
                    }
                }
            }
            return out;
        }
        try (Stream<Path> files = Files.walk(code)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = code.relativize(file).toString().replace(java.io.File.separatorChar, '/');
                if (determinesResults(name)) {
                    out.put(name, relevantBytes(name, Files.readAllBytes(file)));
                }
            }
        }
        return out;
    }

    private static boolean determinesResults(String name) {
        return !name.equals("META-INF/MANIFEST.MF") && !name.startsWith("META-INF/maven/");
    }

    /** The version file without its commit line; every other file as it is. */
    private static byte[] relevantBytes(String name, byte[] bytes) {
        if (!name.equals(VERSION_FILE)) {
            return bytes;
        }
        return new String(bytes, StandardCharsets.UTF_8).lines()
                .filter(line -> !line.startsWith(COMMIT_KEY))
                .collect(Collectors.joining("\n"))
                .getBytes(StandardCharsets.UTF_8);
    }
}
