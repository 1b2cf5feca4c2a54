package org.synapticgeometry.bench;

import org.synapticgeometry.cli.ExitCodes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
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
        assertThat(r.err()).contains("--suite must be one of [optim, deltacdf, score, all], found 'gpu'");
    }

    @Test
    void rejectsNonPositiveSizes() {
        Cli r = Cli.run("bench", "--tensor-size", "0");
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--tensor-size and --repeats must be >= 1, found 0");
    }
}
