package org.synapticgeometry.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing MLFLOW_TRACKING_URI and the rest of the tracking environment. */
class TrackingUriTest {

    @Test
    void unsetMeansTheLocalStoreMlruns() {
        TrackingUri u = TrackingUri.parse(null);
        assertThat(u.isServer()).isFalse();
        assertThat(u.store()).isEqualTo(Path.of("mlruns").toAbsolutePath());
    }

    @Test
    void fileUrisAbsoluteAndRelative() {
        assertThat(TrackingUri.parse("file:///tmp/x/mlruns").store()).isEqualTo(Path.of("/tmp/x/mlruns"));
        assertThat(TrackingUri.parse("file:store").store()).isEqualTo(Path.of("store").toAbsolutePath());
    }

    @Test
    void serverUriLosesTrailingSlashAndCredentials() {
        TrackingUri u = TrackingUri.parse("https://alice:s3cret@mlflow.example.org:8443/base/");
        assertThat(u.server().toString()).isEqualTo("https://mlflow.example.org:8443/base");
        assertThat(u.user()).isEqualTo("alice");
        assertThat(u.password()).isEqualTo("s3cret");
        assertThat(u.display()).doesNotContain("s3cret").doesNotContain("alice");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite:///mlflow.db", "databricks", "htp://host", "http://", "http:///path",
        "http://host:5000?x=1", "http://bad host", "ftp://host", "file://remote-host/x"})
    void rejectsMalformedUrisNamingTheVariableAndTheForms(String raw) {
        assertThatThrownBy(() -> TrackingUri.parse(raw)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("MLFLOW_TRACKING_URI must be http(s)://host[:port][/path], a file: path")
                .hasMessageContaining("found '");
    }

    @Test
    void errorMessagesNeverShowAPassword() {
        assertThatThrownBy(() -> TrackingUri.parse("htp://bob:hunter2@host")).hasMessageNotContaining("hunter2")
                .hasMessageContaining("***@host");
    }

    @Test
    void environmentCredentialsWinAndAreNeverPrinted() {
        TrackingConfig c = TrackingConfig.fromEnv(Map.of(TrackingKeys.ENV_URI, "http://u:p@127.0.0.1:1",
                "UNRELATED", "x"));
        assertThat(c.server().user()).isEqualTo("u");
        ServerSettings s = ServerSettings.fromEnv(Map.of(TrackingKeys.ENV_TOKEN, "tok-123"), TrackingUri.parse("http://h"));
        assertThat(s.authorization()).isEqualTo("Bearer tok-123");
        assertThat(s.toString()).doesNotContain("tok-123").contains("bearer(***)");
        ServerSettings b = ServerSettings.fromEnv(Map.of(TrackingKeys.ENV_USER, "ann", TrackingKeys.ENV_PASSWORD, "pw9",
                TrackingKeys.ENV_TOKEN, "tok"), TrackingUri.parse("http://h"));
        assertThat(b.authorization()).isEqualTo("Basic YW5uOnB3OQ==");
        assertThat(b.toString()).doesNotContain("pw9");
    }

    @Test
    void rejectsMalformedParentRunIdAndExperimentName() {
        assertThatThrownBy(() -> TrackingConfig.fromEnv(Map.of(TrackingKeys.ENV_PARENT, "../../x")))
                .hasMessageContaining("SGEO_PARENT_RUN_ID must be a 32-character hex MLflow run id");
        assertThatThrownBy(() -> TrackingConfig.fromEnv(Map.of(TrackingKeys.ENV_EXPERIMENT, "e".repeat(501))))
                .hasMessageContaining("SGEO_EXPERIMENT (experiment name) must be 1-500 characters");
    }
}
