package org.synapticgeometry.tracking;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.creds.BasicMlflowHostCreds;
import org.mlflow.tracking.creds.MlflowHostCredsProvider;
import org.mlflow_project.apachehttp.client.config.RequestConfig;
import org.mlflow_project.apachehttp.impl.client.CloseableHttpClient;
import org.mlflow_project.apachehttp.impl.client.HttpClientBuilder;

/**
 * Builds the official {@link MlflowClient} with what it lacks: credentials passed explicitly (it
 * reads none from the environment), connect/read/pool timeouts (it has none, so a hung server
 * would hang a stage), and a single attempt per call (its own loop repeats every non-2xx answer
 * three times at once, 4xx included, which can duplicate records); {@link ServerTracker} retries
 * with backoff instead. The HTTP client is injected through the client's package-private caller
 * constructor, the one seam the 2.17.2 jar offers.
 */
final class MlflowClients {
    private static final int MAX_RATE_LIMIT_WAIT_MS = 8_000;
    private static final int RATE_LIMIT_FIRST_WAIT_MS = 500;

    private MlflowClients() {
    }

    static MlflowClient create(TrackingUri uri, ServerSettings s) {
        BasicMlflowHostCreds creds = new BasicMlflowHostCreds(uri.server().toString(), s.user(), s.password(),
                s.user() != null && s.password() != null ? null : s.token(), false);
        MlflowClient client = new MlflowClient(creds);
        RequestConfig timeouts = RequestConfig.custom()
                .setConnectTimeout((int) s.connectTimeout().toMillis())
                .setConnectionRequestTimeout((int) s.readTimeout().toMillis())
                .setSocketTimeout((int) s.readTimeout().toMillis())
                .build();
        CloseableHttpClient http = HttpClientBuilder.create().setDefaultRequestConfig(timeouts)
                .disableAutomaticRetries().setMaxConnPerRoute(4).setMaxConnTotal(8).build();
        try {
            Class<?> callerType = Class.forName("org.mlflow.tracking.MlflowHttpCaller");
            Constructor<?> ctor = callerType.getDeclaredConstructor(MlflowHostCredsProvider.class, int.class,
                    int.class, int.class, CloseableHttpClient.class);
            ctor.setAccessible(true);
            Object caller = ctor.newInstance(creds, MAX_RATE_LIMIT_WAIT_MS, RATE_LIMIT_FIRST_WAIT_MS, 1, http);
            Field field = MlflowClient.class.getDeclaredField("httpCaller");
            field.setAccessible(true);
            field.set(client, caller);
            return client;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("mlflow-client internals changed (expected 2.17.2): cannot set timeouts: "
                    + e, e);
        }
    }
}
