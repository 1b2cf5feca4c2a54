package org.synapticgeometry.synapse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Acceptance: at n = 2000 sizes from each potential's two-state model, the true
 * geometry ranks first in at least 90% of simulations, and the true parameters lie inside their
 * 95% Wald intervals at about the nominal rate. The n and σ sweep is {@link SizeRecoverySweepTest}.
 */
class SizeRecoveryTest {
    /** Simulations per truth: 20 wins out of 20 bound the true rate above 86% at 95% confidence. */
    private static final int SIMULATIONS = 20;
    private static final int N = 2000;
    private static final List<SizeRecovery.Outcome> OUTCOMES = new ArrayList<>();

    static final SizeRecovery.Truth NEGATIVE_ENTROPY =
            new SizeRecovery.Truth("negative_entropy", "negative_entropy", 1.0, 5.0, 0.6, 0.4, Double.NaN);
    static final SizeRecovery.Truth TWO_NORM = new SizeRecovery.Truth("2-norm", "2-norm", 1.0, 3.0, 0.6, 0.25, Double.NaN);
    static final SizeRecovery.Truth THREE_NORM = new SizeRecovery.Truth("3-norm", "3-norm", 1.0, 3.0, 0.6, 0.3, Double.NaN);
    static final SizeRecovery.Truth HYPENTROPY =
            new SizeRecovery.Truth("hypentropy:1", "hypentropy", 1.0, 8.0, 0.6, 0.25, 1.0);

    private static SizeRecovery.Outcome check(SizeRecovery.Truth truth) {
        SizeRecovery.Outcome o = SizeRecovery.run(truth, N, SIMULATIONS, 7);
        synchronized (OUTCOMES) {
            OUTCOMES.add(o);
        }
        System.out.println("size recovery: " + o.line());
        assertThat(o.firstRate()).as(o.line()).isGreaterThanOrEqualTo(0.9);
        return o;
    }

    @Test
    void negativeEntropyIsRecovered() {
        check(NEGATIVE_ENTROPY);
    }

    @Test
    void twoNormIsRecovered() {
        check(TWO_NORM);
    }

    @Test
    void threeNormIsRecovered() {
        check(THREE_NORM);
    }

    @Test
    void hypentropyWithItsBetaIsRecovered() {
        check(HYPENTROPY);
    }

    /** Pooled over the four truths (~340 intervals) the 95% intervals cover at 88–99.5% (±4 binomial SDs). */
    @AfterAll
    static void intervalsCoverAtAboutTheNominalRate() {
        int covered = OUTCOMES.stream().mapToInt(SizeRecovery.Outcome::covered).sum();
        int checked = OUTCOMES.stream().mapToInt(SizeRecovery.Outcome::checked).sum();
        System.out.printf("size recovery: pooled coverage %d/%d%n", covered, checked);
        if (OUTCOMES.size() == 4) {
            assertThat((double) covered / checked).isBetween(0.88, 0.995);
        }
    }
}
