package org.synapticgeometry.tracking;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A minimal stand-in for an MLflow server's REST API (enough for one stage run) whose failures
 * the test scripts: error statuses, slowness. It records every request (method, path, auth header)
 * and the time it arrived. For failure behaviour only; real-server behaviour is tested against
 * {@code mlflow server} itself.
 */
final class FakeMlflowServer implements AutoCloseable {
    static final String RUN_ID = "0123456789abcdef0123456789abcdef";

    /** One request seen. */
    record Request(String method, String path, String authorization, long nanos) {
    }

    /** A scripted answer: status and body; null means "answer like MLflow". */
    record Answer(int status, String body, long delayMillis) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile Function<Request, Answer> script = r -> null;

    FakeMlflowServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
    }

    String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Scripts answers; requests for which the script returns null get a normal answer. */
    void script(Function<Request, Answer> s) {
        script = s;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange ex) throws IOException {
        ex.getRequestBody().readAllBytes();
        Request r = new Request(ex.getRequestMethod(), ex.getRequestURI().getPath(),
                ex.getRequestHeaders().getFirst("Authorization"), System.nanoTime());
        requests.add(r);
        Answer a = script.apply(r);
        if (a == null) {
            a = new Answer(200, normal(r.path()), 0);
        }
        if (a.delayMillis() > 0) {
            try {
                Thread.sleep(a.delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(a.status(), body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private static String normal(String path) {
        if (path.endsWith("experiments/get-by-name")) {
            return "{\"experiment\":{\"experiment_id\":\"1\",\"name\":\"e\",\"lifecycle_stage\":\"active\"}}";
        }
        if (path.endsWith("runs/create")) {
            return "{\"run\":{\"info\":{\"run_id\":\"" + RUN_ID + "\",\"experiment_id\":\"1\",\"status\":\"RUNNING\","
                    + "\"artifact_uri\":\"mlflow-artifacts:/1/" + RUN_ID + "/artifacts\"}}}";
        }
        return "{}";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
