package org.synapticgeometry.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs Python (numpy, scipy, mlflow) as an independent peer in tests. The interpreter comes from
 * {@code SGEO_PYTHON} (set by {@code ci/test.sh} to the venv of {@code ci/python-env.sh}). Without it
 * a test is skipped on a developer machine but fails under {@code CI=true}, so CI never silently
 * skips a cross-check.
 */
public final class PythonPeer {
    private PythonPeer() {
    }

    /** The interpreter path; skips (or fails in CI) when none is configured. */
    public static String interpreter() {
        String py = System.getenv("SGEO_PYTHON");
        boolean ci = "true".equals(System.getenv("CI"));
        if (py == null || py.isBlank() || !Files.isExecutable(Path.of(py))) {
            if (ci) {
                throw new IllegalStateException("SGEO_PYTHON is not set to an executable Python under CI=true;"
                        + " run the tests through ci/test.sh");
            }
            assumeTrue(false, "SGEO_PYTHON not set: run `export SGEO_PYTHON=$(bash ci/python-env.sh)`");
        }
        return py;
    }

    /** Runs {@code script} (Python source) with arguments; returns stdout, failing with stderr on a non-zero exit. */
    public static String run(String script, String... args) {
        return run(script, Map.of(), args);
    }

    /** As {@link #run(String, String...)} with extra environment variables. */
    public static String run(String script, Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>(List.of(interpreter(), "-c", script));
        cmd.addAll(List.of(args));
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.environment().putAll(env);
            Path err = Files.createTempFile("python-peer", ".err");
            pb.redirectError(err.toFile());
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("python peer timed out");
            }
            String stderr = Files.readString(err);
            Files.deleteIfExists(err);
            if (p.exitValue() != 0) {
                throw new IllegalStateException("python peer failed (exit " + p.exitValue() + "):\n" + stderr);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run python peer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
