package org.synapticgeometry.tracking;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.synapticgeometry.testing.PythonPeer;

/**
 * A real {@code mlflow server} from the test venv on 127.0.0.1 with a SQLite backend in its own temp
 * folder. It can be stopped and started again on the same port and database (the outage test).
 * Stopped by the process ids it started (the server and its worker children), never by name.
 */
final class MlflowServer implements AutoCloseable {
    private final Path dir;
    private final int port;
    private Process process;

    MlflowServer(Path dir) throws IOException {
        this.dir = dir;
        try (ServerSocket s = new ServerSocket(0)) {
            this.port = s.getLocalPort();
        }
    }

    /** The tracking URI. */
    String uri() {
        return "http://127.0.0.1:" + port;
    }

    /** Starts the server and waits until /health answers (at most 120 s). */
    MlflowServer start() throws IOException, InterruptedException {
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
    void stop() {
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
