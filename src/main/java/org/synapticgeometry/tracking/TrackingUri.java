package org.synapticgeometry.tracking;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A parsed {@code MLFLOW_TRACKING_URI}: either an MLflow server ({@code http(s)://host[:port][/path]})
 * or a local MLflow file store (unset, {@code file:///abs/dir}, {@code file:rel/dir}). User info in a
 * server URI ({@code https://user:pass@host}) is split off as credentials and never shown.
 *
 * @param server the server base URI without user info and trailing slash, or null for a file store
 * @param store the file store root (absolute), or null for a server
 * @param user the user name from the URI's user info, or null
 * @param password the password from the URI's user info, or null
 */
public record TrackingUri(URI server, Path store, String user, String password) {

    /** The embedded default when {@code MLFLOW_TRACKING_URI} is unset. */
    public static final String DEFAULT_STORE = "mlruns";

    /**
     * Parses a tracking URI; null or blank means the default store {@code ./mlruns}.
     *
     * @throws IllegalArgumentException naming the variable, the accepted forms and the (redacted) value
     */
    public static TrackingUri parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return ofStore(Path.of(DEFAULT_STORE));
        }
        String text = raw.strip();
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw malformed(text);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("file")) {
            return ofStore(filePath(uri, text));
        }
        if (scheme.equals("http") || scheme.equals("https")) {
            return server(uri, text);
        }
        throw malformed(text);
    }

    /** A file store at {@code dir} (made absolute). */
    public static TrackingUri ofStore(Path dir) {
        return new TrackingUri(null, dir.toAbsolutePath().normalize(), null, null);
    }

    /** True for a real MLflow server. */
    public boolean isServer() {
        return server != null;
    }

    /** A form safe to print and to store: the server URI without credentials, or the store's file URI. */
    public String display() {
        return isServer() ? server.toString() : FileStore.fileUri(store);
    }

    @Override
    public String toString() {
        return display();
    }

    private static Path filePath(URI uri, String text) {
        if (uri.isOpaque()) {
            String ssp = uri.getSchemeSpecificPart();
            if (ssp.isBlank()) {
                throw malformed(text);
            }
            return Path.of(ssp).toAbsolutePath().normalize();
        }
        if (uri.getAuthority() != null && !uri.getAuthority().isEmpty() && !"localhost".equals(uri.getAuthority())) {
            throw malformed(text);
        }
        return Path.of(uri.getPath()).toAbsolutePath().normalize();
    }

    private static TrackingUri server(URI uri, String text) {
        if (uri.getHost() == null || uri.getHost().isBlank() || uri.getQuery() != null || uri.getFragment() != null) {
            throw malformed(text);
        }
        String user = null;
        String password = null;
        if (uri.getUserInfo() != null) {
            String[] parts = uri.getUserInfo().split(":", 2);
            user = parts[0];
            password = parts.length > 1 ? parts[1] : null;
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", "");
        try {
            URI clean = new URI(uri.getScheme().toLowerCase(Locale.ROOT), null, uri.getHost(), uri.getPort(),
                    path.isEmpty() ? null : path, null, null);
            return new TrackingUri(clean, null, user, password);
        } catch (URISyntaxException e) {
            throw malformed(text);
        }
    }

    private static IllegalArgumentException malformed(String text) {
        return new IllegalArgumentException("MLFLOW_TRACKING_URI must be http(s)://host[:port][/path], a file: path"
                + " or unset (local store ./mlruns), found '" + redact(text) + "'");
    }

    /** Replaces user info in a URI-like string by {@code ***}, so error messages never show a password. */
    static String redact(String text) {
        return text.replaceAll("(?<=//)[^/@]*@", "***@");
    }
}
