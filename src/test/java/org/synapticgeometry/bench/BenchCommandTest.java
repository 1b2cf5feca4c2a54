package org.synapticgeometry.bench;

import org.synapticgeometry.cli.ExitCodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synapticgeometry.testing.Cli;

/** The bench command runs each suite on tiny sizes and reports one row per case; timings are not asserted. */
class BenchCommandTest {

    @Test
    void optimizerSuiteReportsEveryPotentialAgainstSgd() {
        Cli r = Cli.run("bench", "--suite", "optim", "--tensor-size", "1000", "--repeats", "3");
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("DJL Sgd (momentum 0.9)", "MirrorDescent 2-norm", "MirrorDescent 3-norm",
                "MirrorDescent negative_entropy", "MirrorDescent 1.5-norm", "MirrorDescent 2.5-norm");
        assertThat(r.out()).contains("MirrorDescent hypentropy:0.1 (fused)", "MirrorDescent hypentropy:0.1 (libtorch ops)");
        // Sgd, the momentum floor against Sgd, 6 fused and 6 libtorch-ops rows against Sgd, 6 fused against the floor
        assertThat(r.out().lines().filter(l -> l.startsWith("| optim"))).hasSize(20);
        assertThat(r.out().lines().filter(l -> l.startsWith("| optim") && l.contains("(fused)") && l.contains("| momentum floor")))
                .hasSize(6);
        assertThat(r.out()).doesNotContain("deltacdf");
    }

    @Test
    void deltaCdfSuiteReportsExactAgainstGrid() {
        Cli r = Cli.run("bench", "--suite", "deltacdf", "--deltacdf-sizes", "1000,2000", "--repeats", "10");
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.out().lines().filter(l -> l.startsWith("| deltacdf"))).hasSize(6);
        assertThat(r.out()).contains("exact ΔCDF (sorted input)", "grid");
    }

    @Test
    void rejectsUnknownSuiteListingValidOnes() {
        Cli r = Cli.run("bench", "--suite", "gpu");
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--suite must be one of [optim, deltacdf, score, finetune, all], found 'gpu'");
    }

    @Test
    void rejectsNonPositiveSizes() {
        Cli r = Cli.run("bench", "--tensor-size", "0");
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--tensor-size and --repeats must be >= 1, found 0");
    }

    @Test
    void finetuneSuiteWithoutTorchIsAUsageErrorNamingTheFix(@TempDir Path work) {
        Cli r = Cli.run("bench", "--suite", "finetune", "--python", "/bin/false", "--work", work.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.lastErrorLine()).contains("--python /bin/false cannot import torch", "apt-get install -y python3-torch");
        assertThat(work).isEmptyDirectory();
    }

    @Test
    void finetuneSuiteWithAMissingPeerIsAUsageError(@TempDir Path work) {
        Cli r = Cli.run("bench", "--suite", "finetune", "--peer", work.resolve("none.py").toString(), "--work",
                work.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.lastErrorLine()).contains("--peer " + work.resolve("none.py") + " does not exist");
    }

    @Test
    void finetuneSuiteRejectsZeroRuns() {
        Cli r = Cli.run("bench", "--suite", "finetune", "--runs", "0");
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.lastErrorLine()).contains("--runs and --epochs must be >= 1, found 0 and 30");
    }

    @Test
    void childCpuTimeIsReadFromBashTimes(@TempDir Path dir) {
        assertThat(Timed.childCpuMillis("0m0.010s 0m0.002s\n1m2.500s 0m0.250s\n")).isEqualTo(62_750.0);
        assertThat(Timed.run(java.util.List.of("true"), dir, 1).cpuMillis()).isBetween(0.0, 1000.0);
        assertThatThrownBy(() -> Timed.run(java.util.List.of("false"), dir, 1)).hasMessageContaining(
                "false failed with exit code 1; see " + dir.resolve("bench.log"));
    }

    @Test
    void aRoundStartsWithoutTheOutputsOfAnEarlierBenchRun(@TempDir Path work) throws java.io.IOException {
        Path round = work.resolve("mlp-256").resolve("sgeo-seed1");
        java.nio.file.Files.createDirectories(round.resolve("nested"));
        java.nio.file.Files.writeString(round.resolve("run.json"), "{}");
        java.nio.file.Files.writeString(round.resolve("nested").resolve("model.params"), "x");
        FinetuneBenchmark.clear(round);
        assertThat(round).doesNotExist();
        assertThat(round.getParent()).isEmptyDirectory();
        FinetuneBenchmark.clear(round); // a first run: nothing to clear
    }
}
