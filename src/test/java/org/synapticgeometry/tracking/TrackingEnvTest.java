package org.synapticgeometry.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** MLflow's own environment variables: experiment name, answer timeout and retries. */
class TrackingEnvTest {
    private static final String URI = "http://127.0.0.1:5000";

    @Test
    void mlflowExperimentNameIsUsedWhenSgeoExperimentIsUnset() {
        assertThat(TrackingConfig.fromEnv(Map.of(TrackingKeys.ENV_MLFLOW_EXPERIMENT, "mine")).experiment()).isEqualTo("mine");
        assertThat(TrackingConfig.fromEnv(Map.of(TrackingKeys.ENV_MLFLOW_EXPERIMENT, "mine",
                TrackingKeys.ENV_EXPERIMENT, "workflow")).experiment()).isEqualTo("workflow");
        assertThat(TrackingConfig.fromEnv(Map.of()).experiment()).isNull();
    }

    @Test
    void timeoutAndRetriesComeFromMlflowsVariables() {
        ServerSettings s = ServerSettings.fromEnv(Map.of(TrackingKeys.ENV_HTTP_TIMEOUT, "2.5",
                TrackingKeys.ENV_HTTP_RETRIES, "0"), TrackingUri.parse(URI));
        assertThat(s.readTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(s.attempts()).isEqualTo(1);
        ServerSettings d = ServerSettings.fromEnv(Map.of(), TrackingUri.parse(URI));
        assertThat(d.readTimeout()).isEqualTo(ServerSettings.defaults().readTimeout());
        assertThat(d.attempts()).isEqualTo(ServerSettings.defaults().attempts());
    }

    @Test
    void badValuesNameTheVariable() {
        assertThatThrownBy(() -> ServerSettings.fromEnv(Map.of(TrackingKeys.ENV_HTTP_TIMEOUT, "soon"), TrackingUri.parse(URI)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("MLFLOW_HTTP_REQUEST_TIMEOUT must be a number of seconds in (0, 86400], found 'soon'");
        assertThatThrownBy(() -> ServerSettings.fromEnv(Map.of(TrackingKeys.ENV_HTTP_RETRIES, "-1"), TrackingUri.parse(URI)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("MLFLOW_HTTP_REQUEST_MAX_RETRIES must be a whole number of retries in 0..100, found '-1'");
    }
}
