package org.synapticgeometry.tracking;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.mlflow.tracking.MlflowClientException;
import org.mlflow.tracking.MlflowHttpException;

/**
 * Moves artifacts over plain HTTP, because the official Java client can only do it by running a
 * local Python with mlflow installed. Runs whose artifact URI is {@code mlflow-artifacts:/...} (the
 * default of {@code mlflow server}) are uploaded with a streaming {@code PUT} to the artifact proxy
 * ({@code /api/2.0/mlflow-artifacts/artifacts/...}); other runs use the server's {@code upload-artifact}
 * endpoint (at most 10 MB). Downloads use {@code get-artifact}, which reads the run's artifact store on the
 * server's side whatever its URI. Failures surface as the client's exception types so that
 * {@link ServerTracker} classifies them like every other call.
 */
final class ArtifactTransfer {
    private static final long AJAX_LIMIT = 10L * 1024 * 1024;
    private final URI server;
    private final ServerSettings settings;
    private final HttpClient http;

    ArtifactTransfer(URI server, ServerSettings settings) {
        this.server = server;
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).build();
    }

    void upload(String runId, String artifactUri, Path file, String artifactPath) {
        URI target;
        String method = "PUT";
        if (artifactUri.startsWith("mlflow-artifacts:")) {
            String prefix = URI.create(artifactUri).getPath().replaceAll("^/+", "");
            target = URI.create(server + "/api/2.0/mlflow-artifacts/artifacts/" + encodePath(prefix + "/" + artifactPath));
        } else {
            if (size(file) > AJAX_LIMIT) {
                throw new IllegalStateException("artifact " + file + " is larger than 10 MB and run " + runId
                        + " does not use the server's artifact proxy (artifact URI " + artifactUri
                        + "); start the server with artifact serving (the default)");
            }
            method = "POST";
            target = URI.create(server + "/ajax-api/2.0/mlflow/upload-artifact?run_uuid=" + runId + "&path="
                    + URLEncoder.encode(artifactPath, StandardCharsets.UTF_8));
        }
        send(method, target, file);
    }

    /**
     * Downloads artifact {@code artifactPath} of a run into {@code target} (written to a temporary file and
     * renamed, so a failed download leaves nothing).
     */
    void download(String runId, String artifactPath, Path target) {
        URI source = URI.create(server + "/get-artifact?run_uuid=" + runId + "&path="
                + URLEncoder.encode(artifactPath, StandardCharsets.UTF_8));
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            Path partial = Files.createTempFile(target.toAbsolutePath().getParent(), ".tmp-", ".part");
            try {
                HttpResponse<Path> r = http.send(request(source).GET().build(),
                        HttpResponse.BodyHandlers.ofFile(partial));
                if (r.statusCode() / 100 != 2) {
                    throw new MlflowHttpException(r.statusCode(), "artifact download failed", Files.readString(partial));
                }
                Files.move(partial, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            throw new MlflowClientException("artifact download from " + server + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MlflowClientException("artifact download interrupted", e);
        }
    }

    private void send(String method, URI target, Path file) {
        try {
            HttpRequest.Builder b = request(target).header("Content-Type", "application/octet-stream")
                    .method(method, HttpRequest.BodyPublishers.ofFile(file));
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new MlflowHttpException(r.statusCode(), "artifact upload failed", r.body());
            }
        } catch (FileNotFoundException e) {
            throw new IllegalArgumentException("artifact file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new MlflowClientException("artifact upload to " + server + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MlflowClientException("artifact upload interrupted", e);
        }
    }

    private HttpRequest.Builder request(URI target) {
        HttpRequest.Builder b = HttpRequest.newBuilder(target).timeout(settings.readTimeout());
        if (settings.authorization() != null) {
            b.header("Authorization", settings.authorization());
        }
        return b;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("artifact file " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    static String encodePath(String path) {
        return Arrays.stream(path.split("/"))
                .map(s -> URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(Collectors.joining("/"));
    }
}
