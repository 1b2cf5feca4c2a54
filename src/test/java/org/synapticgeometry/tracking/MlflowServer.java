package org.synapticgeometry.tracking;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.synapticgeometry.cli.Sgeo;
import org.synapticgeometry.testing.Cli;
import org.synapticgeometry.testing.PythonPeer;

/**
 * A real {@code mlflow server} from the test venv on 127.0.0.1 with a SQLite backend in its own temp
 * folder. It can be stopped and started again on the same port and database (the outage test).
 * Stopped by the process ids it started (the server and its worker children), never by name.
 * {@link #sgeo} runs the CLI in a child JVM that tracks into it.
 *
 * <p>A test class gets one server for all its tests with
 * {@code @RegisterExtension static final MlflowServer SERVER = new MlflowServer();}: it starts before the
 * class's {@code @BeforeAll} methods (skipping the class when the Python peer is absent) and is stopped, and
 * its folder removed, after the class.
 */
public final class MlflowServer implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
    /** Longest a child {@code sgeo} may take before it is killed and the test fails. */
    private static final long CHILD_TIMEOUT_SECONDS = 300;
    /** The JVM's own line about {@code --add-modules jdk.incubator.vector}, left out of a child's stderr. */
    private static final String INCUBATOR_WARNING = "WARNING: Using incubator modules";
    private Path dir;
    private int port;
    private Process process;

    /** A server for a test class, started by {@link #beforeAll} in a new temporary folder on a free port. */
    public MlflowServer() {
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        PythonPeer.interpreter();
        dir = Files.createTempDirectory("mlflow-server-");
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        close();
        if (dir != null) {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** The tracking URI. */
    public String uri() {
        return "http://127.0.0.1:" + port;
    }

    /** Starts the server (again, on the same port and database) and waits until /health answers (at most 120 s). */
    public MlflowServer start() throws IOException, InterruptedException {
        Path python = Path.of(PythonPeer.interpreter());
        Path mlflow = python.resolveSibling("mlflow");
        ProcessBuilder pb = new ProcessBuilder(List.of(mlflow.toString(), "server", "--host", "127.0.0.1", "--port",
                Integer.toString(port), "--backend-store-uri", "sqlite:///" + dir.resolve("mlflow.db"),
                "--artifacts-destination", dir.resolve("mlartifacts").toString(), "--workers", "1"));
        pb.environment().put("MLFLOW_DISABLE_TELEMETRY", "true");
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("server.log").toFile()));
        process = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (healthy()) {
                return this;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("mlflow server exited: " + Files.readString(dir.resolve("server.log")));
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException("mlflow server not ready after 120 s: " + Files.readString(dir.resolve("server.log")));
    }

    /**
     * Kills the server and its worker children at once (SIGKILL, by the process ids this object
     * started): an abrupt outage, and fast (the workers ignore SIGTERM for seconds).
     */
    public void stop() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> all = new java.util.ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroyForcibly);
        java.util.concurrent.CompletableFuture.allOf(all.stream().map(ProcessHandle::onExit)
                .toArray(java.util.concurrent.CompletableFuture[]::new)).orTimeout(30, TimeUnit.SECONDS).join();
        process = null;
    }

    /**
     * Runs {@code sgeo args} in a child JVM (this test's class path) with {@code MLFLOW_TRACKING_URI} naming
     * this server, {@code SGEO_PARENT_RUN_ID} unset and {@code env} added; kills it and fails after 300 s. The
     * JVM's incubator-module warning is dropped from stderr.
     */
    public Cli sgeo(Map<String, String> env, String... args) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector", "-Dai.djl.offline=true",
                "-cp", System.getProperty("java.class.path"), Sgeo.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove(TrackingKeys.ENV_PARENT);
        pb.environment().put(TrackingKeys.ENV_URI, uri());
        pb.environment().putAll(env);
        Path out = Files.createTempFile(dir, "sgeo-", ".out");
        Path err = Files.createTempFile(dir, "sgeo-", ".err");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("sgeo " + String.join(" ", args) + " did not end within " + CHILD_TIMEOUT_SECONDS
                    + " s: " + Files.readString(err));
        }
        String errors = Files.readString(err).lines().filter(l -> !l.startsWith(INCUBATOR_WARNING))
                .map(l -> l + "\n").collect(Collectors.joining());
        return new Cli(p.exitValue(), Files.readString(out), errors);
    }

    private boolean healthy() {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(uri() + "/health").toURL().openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(2000);
            return c.getResponseCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        stop();
    }
}
