package org.synapticgeometry.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.synapticgeometry.tracking.TrackingUri;

/** The science view's address that {@code sgeo run} prints at its end, for a server and for a file store. */
class ViewAddressTest {
    private static final String VIEW = "/#/experiments/7/runs?viewStateShareKey=sgeo-science&workflowType=machine_learning";

    @Test
    void aServersAddressIsPrintedAsItIs() {
        String server = "http://mlflow.lab:5000/#/experiments/7/runs?viewStateShareKey=sgeo-science&workflowType=machine_learning";
        assertThat(WorkflowRun.viewAddress(TrackingUri.parse("http://mlflow.lab:5000"), server)).isEqualTo(server);
    }

    @Test
    void aFileStoresAddressIsTheDefaultUiOverItWithTheCommandThatStartsIt() {
        Path store = Path.of("/tmp/launch/mlruns");
        assertThat(WorkflowRun.viewAddress(TrackingUri.ofStore(store), VIEW)).isEqualTo("http://127.0.0.1:5000" + VIEW
                + " (once `MLFLOW_ALLOW_FILE_STORE=true mlflow ui --backend-store-uri "
                + TrackingUri.ofStore(store).display() + "` serves the store)");
    }
}
