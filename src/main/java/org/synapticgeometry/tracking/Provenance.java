package org.synapticgeometry.tracking;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Facts about the code and the machine for the provenance record: git commit, versions, platform,
 * file hashes, and the identity of this process (to tell a crashed run from a live one).
 */
public final class Provenance {
    private static volatile String commit;

    private Provenance() {
    }

    /**
     * The git commit of the code: {@code SGEO_GIT_COMMIT} if set, else the commit the jar was built from
     * (written by Maven into {@code sgeo-version.properties}, with {@code -dirty} when tracked files had
     * changed), else, for classes not built by Maven, {@code git rev-parse HEAD} in the folder they were
     * loaded from; {@code unknown} when none of these knows.
     */
    public static String gitCommit(Map<String, String> env) {
        String fromEnv = env.get(TrackingKeys.ENV_GIT_COMMIT);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.strip();
        }
        if (commit == null) {
            String built = buildProperties().getProperty("git.commit", "unknown");
            commit = !built.equals("unknown") && !built.startsWith("${") ? built : commitFromGit();
        }
        return commit;
    }

    private static String commitFromGit() {
        Path codeDir = codeLocation();
        return git(codeDir, "rev-parse", "HEAD")
                .map(c -> c + (git(codeDir, "status", "--porcelain", "--untracked-files=no")
                        .filter(s -> !s.isEmpty()).isPresent() ? "-dirty" : ""))
                .orElse("unknown");
    }

    /** Versions of this tool, DJL, libtorch and Java. */
    public static Map<String, String> versions() {
        Properties p = buildProperties();
        Map<String, String> v = new LinkedHashMap<>();
        v.put("sgeo", p.getProperty("version", "unknown"));
        v.put("djl", p.getProperty("djl", "unknown"));
        v.put("libtorch", p.getProperty("libtorch", "unknown"));
        v.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        return v;
    }

    /** What Maven wrote into {@code sgeo-version.properties} at build time (empty when absent). */
    private static Properties buildProperties() {
        Properties p = new Properties();
        try (InputStream in = Provenance.class.getResourceAsStream("/sgeo-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /**
     * Operating system, CPU architecture, the processors this JVM uses ({@code SGEO_THREADS} when set),
     * its maximum heap in MiB ({@code SGEO_HEAP}), the common fork-join pool's worker count and
     * libtorch's intra-op threads as requested ({@code default}: libtorch's own choice).
     */
    public static Map<String, String> platform() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.put("arch", System.getProperty("os.arch"));
        m.put("cpus", Integer.toString(Runtime.getRuntime().availableProcessors()));
        m.put("heap_max_mb", Long.toString(Runtime.getRuntime().maxMemory() >> 20));
        m.put("forkjoin_workers", System.getProperty("java.util.concurrent.ForkJoinPool.common.parallelism",
                Integer.toString(java.util.concurrent.ForkJoinPool.getCommonPoolParallelism())));
        m.put("torch_threads", System.getProperty("ai.djl.pytorch.num_threads", "default"));
        return m;
    }

    /**
     * SHA-256 of a file's content as lower-case hex.
     *
     * @throws IllegalArgumentException when the file cannot be read
     */
    public static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot hash " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code pid@host@startMillis} of this process. */
    public static String processId() {
        ProcessHandle self = ProcessHandle.current();
        long start = self.info().startInstant().map(i -> i.toEpochMilli()).orElse(0L);
        return self.pid() + "@" + hostName() + "@" + start;
    }

    /**
     * Whether the process named by a {@link #processId()} value is gone: empty when it ran on another
     * host (cannot tell), true when no process with that pid and start time exists here.
     */
    public static Optional<Boolean> processGone(String processId) {
        String[] f = processId == null ? new String[0] : processId.split("@");
        if (f.length != 3 || !f[1].equals(hostName())) {
            return Optional.empty();
        }
        Optional<ProcessHandle> h = ProcessHandle.of(Long.parseLong(f[0]));
        boolean alive = h.isPresent() && h.get().isAlive()
                && h.get().info().startInstant().map(i -> Long.toString(i.toEpochMilli()).equals(f[2])).orElse(true);
        return Optional.of(!alive);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    private static Path codeLocation() {
        try {
            Path p = Path.of(Provenance.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isDirectory(p) ? p : p.getParent();
        } catch (Exception e) {
            return Path.of(".").toAbsolutePath();
        }
    }

    private static Optional<String> git(Path dir, String... args) {
        try {
            String[] cmd = new String[args.length + 3];
            cmd[0] = "git";
            cmd[1] = "-C";
            cmd[2] = dir.toString();
            System.arraycopy(args, 0, cmd, 3, args.length);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(false).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return Optional.empty();
            }
            return Optional.of(out);
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
