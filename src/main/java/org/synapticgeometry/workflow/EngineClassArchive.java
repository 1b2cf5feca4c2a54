package org.synapticgeometry.workflow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The class-data sharing archive of Nextflow's JVM: the classes one run loaded (Groovy, Nextflow and
 * their libraries), mapped at start-up by later runs instead of being read and verified again. It lies
 * in {@code cds/} beside the engine's folder ({@code target/cds/nextflow-<key>.jsa}), the key a hash of
 * the engine's jars (names, sizes, times) and of the Java runtime, so another engine or JDK never picks
 * a stale one (the JVM also refuses a mismatched archive on its own, silently). The first run without
 * one writes it at exit, to a file of its own that is published by renaming only once Nextflow exited
 * with code 0 (a truncated archive would crash the JVM that maps it). {@code SGEO_CDS=0} turns it off,
 * as for the stage commands.
 */
final class EngineClassArchive {
    /** Environment variable that turns the archives off when {@code 0}. */
    static final String SWITCH_ENV = "SGEO_CDS";
    private static final List<String> QUIET = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    private static final EngineClassArchive OFF = new EngineClassArchive(null, null);
    private static final Pattern DUMP = Pattern.compile("nextflow-[0-9a-f]{16}\\.jsa\\.([0-9]{1,18})");

    private final Path archive;
    private final Path dump;

    private EngineClassArchive(Path archive, Path dump) {
        this.archive = archive;
        this.dump = dump;
    }

    /**
     * The archive for the engine in {@code jarDir} run by {@code java}: mapped when it exists, else
     * written by this run; off when {@code env} switches it off or its folder cannot be written.
     */
    static EngineClassArchive of(Path jarDir, Path java, Map<String, String> env) {
        if ("0".equals(env.get(SWITCH_ENV))) {
            return OFF;
        }
        try {
            Path dir = Files.createDirectories(jarDir.toAbsolutePath().getParent().resolve("cds"));
            Path archive = dir.resolve("nextflow-" + key(jarDir, java) + ".jsa");
            if (Files.isRegularFile(archive) && Files.size(archive) > 0) {
                return new EngineClassArchive(archive, null);
            }
            removeAbandonedDumps(dir);
            return new EngineClassArchive(archive, dir.resolve(archive.getFileName() + "." + ProcessHandle.current().pid()));
        } catch (IOException e) {
            return OFF;
        }
    }

    /** The JVM options that map or write the archive (none when it is off). */
    List<String> jvmOptions() {
        if (archive == null) {
            return List.of();
        }
        String option = dump == null ? "-XX:SharedArchiveFile=" + archive : "-XX:ArchiveClassesAtExit=" + dump;
        return Stream.concat(Stream.of(option), QUIET.stream()).toList();
    }

    /** After Nextflow exited with {@code code}: publishes the archive this run wrote, or removes it. */
    void finish(int code) {
        if (dump == null) {
            return;
        }
        try {
            if (code == 0 && Files.isRegularFile(dump)) {
                Files.move(dump, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.deleteIfExists(dump);
            }
        } catch (IOException e) {
            // no archive: the next run writes one
        }
    }

    /** Archives being written by launchers that are gone (killed before Nextflow ended). */
    private static void removeAbandonedDumps(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Matcher m = DUMP.matcher(f.getFileName().toString());
                if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty()) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    /** 16 hex digits of SHA-256 over the engine's jars (name, size, time) and the Java runtime's binary. */
    private static String key(Path jarDir, Path java) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        List<Path> files;
        try (Stream<Path> jars = Files.list(jarDir)) {
            files = Stream.concat(jars.filter(f -> f.toString().endsWith(".jar")).sorted(),
                    Stream.of(java.toRealPath())).toList();
        }
        for (Path f : files) {
            sha.update((f.getFileName() + " " + Files.size(f) + " " + Files.getLastModifiedTime(f).toMillis() + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    }
}
