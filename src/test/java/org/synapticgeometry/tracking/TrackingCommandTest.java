package org.synapticgeometry.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.synapticgeometry.cli.ExitCodes;
import org.synapticgeometry.testing.Cli;

/** Bad input to {@code sgeo tracking}: exit code 2 and one line naming the option and the fix. */
class TrackingCommandTest {
    @TempDir
    Path work;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "malformed --to   | sync --to htp:/x                     | MLFLOW_TRACKING_URI must be http(s)://host[:port][/path]",
        "file --to        | sync --to file:///tmp/x              | --to must be an http(s) MLflow server URI",
        "password in --to | sync --to sqlite://u:hunter2@h/x     | found 'sqlite://***@h/x'",
        "bad status       | end-parent --run-id 0123456789abcdef0123456789abcdef --status DONE | --status must be FINISHED, FAILED or KILLED, found 'DONE'",
        "bad run id       | end-parent --run-id ../x             | --run-id must be a 32-character hex MLflow run id, found '../x'",
        "no subcommand    | ''                                   | missing subcommand: sync, start-parent or end-parent"
    })
    void rejectsBadInput(String name, String args, String message) {
        String[] argv = ("tracking " + args).strip().split(" +");
        Cli r = Cli.run(argv);
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains(message).doesNotContain("hunter2");
        assertThat(r.err().strip().lines()).hasSize(1);
    }

    @Test
    void rejectsMissingStoreFolder() {
        Cli r = Cli.run("tracking", "sync", "--from", work.resolve("none").toString());
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--from " + work.resolve("none") + " is not a folder");
    }
}
