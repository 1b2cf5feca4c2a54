package org.synapticgeometry.tracking;

import java.time.Duration;
import java.util.Map;

/**
 * How we talk to an MLflow server: credentials from MLflow's own variables, and the timeouts and
 * bounded retries the official client lacks. {@link #toString()} never shows a secret.
 *
 * @param user basic-auth user or null
 * @param password basic-auth password or null
 * @param token bearer token or null
 * @param connectTimeout TCP connect timeout
 * @param readTimeout timeout waiting for an answer
 * @param attempts attempts per request before the run is spooled (at least 1)
 * @param firstBackoff wait after the first failure; doubles after each further one
 */
public record ServerSettings(String user, String password, String token, Duration connectTimeout,
        Duration readTimeout, int attempts, Duration firstBackoff) {

    /** Default timeouts: connect 5 s, answer 30 s; 4 attempts with backoff 0.25, 0.5, 1 s. */
    public static ServerSettings defaults() {
        return new ServerSettings(null, null, null, Duration.ofSeconds(5), Duration.ofSeconds(30), 4,
                Duration.ofMillis(250));
    }

    /**
     * Settings from the environment: credentials from MLflow's variables, then those of the URI; the answer
     * timeout from {@code MLFLOW_HTTP_REQUEST_TIMEOUT} (seconds) and the retries from
     * {@code MLFLOW_HTTP_REQUEST_MAX_RETRIES} when set.
     *
     * @throws IllegalArgumentException for a timeout that is not a positive number or retries that are not 0-100
     */
    public static ServerSettings fromEnv(Map<String, String> env, TrackingUri uri) {
        String user = firstNonBlank(env.get(TrackingKeys.ENV_USER), uri.user());
        String password = firstNonBlank(env.get(TrackingKeys.ENV_PASSWORD), uri.password());
        ServerSettings d = defaults().withCredentials(user, password, firstNonBlank(env.get(TrackingKeys.ENV_TOKEN), null));
        Duration read = d.readTimeout();
        String timeout = firstNonBlank(env.get(TrackingKeys.ENV_HTTP_TIMEOUT), null);
        if (timeout != null) {
            read = Duration.ofMillis(Math.round(1000 * positiveSeconds(timeout.strip())));
        }
        int attempts = d.attempts();
        String retries = firstNonBlank(env.get(TrackingKeys.ENV_HTTP_RETRIES), null);
        if (retries != null) {
            attempts = retries(retries.strip()) + 1;
        }
        return d.withTiming(d.connectTimeout(), read, attempts, d.firstBackoff());
    }

    private static double positiveSeconds(String text) {
        try {
            double s = Double.parseDouble(text);
            if (s > 0 && s <= 86_400) {
                return s;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(TrackingKeys.ENV_HTTP_TIMEOUT + " must be a number of seconds in (0, 86400],"
                + " found '" + text + "'");
    }

    private static int retries(String text) {
        try {
            int n = Integer.parseInt(text);
            if (n >= 0 && n <= 100) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(TrackingKeys.ENV_HTTP_RETRIES + " must be a whole number of retries in 0..100,"
                + " found '" + text + "'");
    }

    /** A copy with other credentials. */
    public ServerSettings withCredentials(String u, String p, String t) {
        return new ServerSettings(u, p, t, connectTimeout, readTimeout, attempts, firstBackoff);
    }

    /** A copy with other timeouts and retries (tests use short ones). */
    public ServerSettings withTiming(Duration connect, Duration read, int tries, Duration backoff) {
        if (tries < 1) {
            throw new IllegalArgumentException("attempts must be >= 1, found " + tries);
        }
        return new ServerSettings(user, password, token, connect, read, tries, backoff);
    }

    /** The Authorization header value, or null without credentials (Basic needs both user and password). */
    String authorization() {
        if (user != null && password != null) {
            return "Basic " + java.util.Base64.getEncoder().encodeToString(
                    (user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return token == null ? null : "Bearer " + token;
    }

    @Override
    public String toString() {
        String auth = user != null && password != null ? "basic(" + user + ", ***)" : token != null ? "bearer(***)" : "none";
        return "ServerSettings[auth=" + auth + ", connect=" + connectTimeout + ", read=" + readTimeout
                + ", attempts=" + attempts + ", backoff=" + firstBackoff + "]";
    }

    private static String firstNonBlank(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }
}
