package org.synapticgeometry.regress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bands against their closed forms (the rule of the baseline's tolerance_rule, worked by hand). */
class BandTest {

    @Test
    void aMeanOverSeedsGetsFourSdsOfADifferenceOfTwoMeansPlusEpsilon() {
        Band b = Band.ofMean(List.of(0.1, 0.2, 0.3), 0.002, 0.0);
        // s = 0.1, half-width = 4 * 0.1 * sqrt(2/3) + 0.002 = 0.3286
        double half = 4 * 0.1 * Math.sqrt(2.0 / 3) + 0.002;
        assertThat(b.mean()).isCloseTo(0.2, within(1e-15));
        assertThat(b.sd()).isCloseTo(0.1, within(1e-15));
        assertThat(b.low()).isCloseTo(0.2 - half, within(1e-15));
        assertThat(b.high()).isCloseTo(0.2 + half, within(1e-15));
        assertThat(b.admits(0.2 + half - 1e-9)).isTrue();
        assertThat(b.admits(0.2 + half + 1e-9)).isFalse();
        assertThat(b.severity(0.2 + half / 2)).isCloseTo(0.5, within(1e-12));
        assertThat(b.severity(Double.NaN)).isInfinite();
    }

    @Test
    void oneSeedHasOnlyTheAbsoluteTolerance() {
        Band b = Band.ofMean(List.of(0.75), 0.01, 0.0);
        assertThat(b.low()).isCloseTo(0.74, within(1e-15));
        assertThat(b.high()).isCloseTo(0.76, within(1e-15));
    }

    @Test
    void fewSeedsTakeThePooledSdOfTheirGroupWhenItIsLarger() {
        Band two = Band.ofMean(List.of(0.5, 0.5002), 0.002, 0.01);
        // own s = 0.0002 / sqrt(2) = 1.41e-4 < 0.01: half-width = 4 * 0.01 * sqrt(2/2) + 0.002
        assertThat(two.sd()).isCloseTo(0.0002 / Math.sqrt(2), within(1e-12));
        assertThat(two.pooledSd()).isEqualTo(0.01);
        assertThat(two.high() - two.mean()).isCloseTo(0.042, within(1e-12));
        // a larger own sd is kept
        assertThat(Band.ofMean(List.of(0.4, 0.6), 0.002, 0.01).pooledSd()).isNull();
        // five seeds are trusted alone
        Band five = Band.ofMean(List.of(0.5, 0.5, 0.5, 0.5, 0.5002), 0.002, 0.01);
        assertThat(five.pooledSd()).isNull();
        assertThat(five.high() - five.mean()).isLessThan(0.0025);
    }

    @Test
    void identificationMayLoseTwoBinomialSdsAndKeepsItsMajority() {
        // 23/30: p = 23/30, sd = sqrt(30 p (1-p)) = 2.317, 2 sd -> 5 runs: at least 18
        assertThat(Band.ofIdentification(hits(23, 30)).minCorrect()).isEqualTo(18);
        // 30/30: p clipped to 29/30, sd = 0.983 -> 2 runs: at least 28
        assertThat(Band.ofIdentification(hits(30, 30)).minCorrect()).isEqualTo(28);
        // 16/30: 2 sd = 5.46 -> 6 runs would leave 10, but the majority must stay: 16
        assertThat(Band.ofIdentification(hits(16, 30)).minCorrect()).isEqualTo(16);
        // 2/2: p clipped to 1/2, 2 sd = 1.41 -> 2 runs would leave 0, majority: 2
        assertThat(Band.ofIdentification(hits(2, 2)).minCorrect()).isEqualTo(2);
        // 1/2 is no majority: nothing to keep
        assertThat(Band.ofIdentification(hits(1, 2)).minCorrect()).isZero();
        // 12/30 (no majority): 2 sd = 5.37 -> 6 runs: at least 6
        assertThat(Band.ofIdentification(hits(12, 30)).minCorrect()).isEqualTo(6);
    }

    @Test
    void identificationSeverityIsLostRunsOverTheAllowanceAndAHalf() {
        Band b = Band.ofIdentification(hits(23, 30));
        assertThat(b.severity(23)).isZero();
        assertThat(b.severity(25)).isZero();
        assertThat(b.severity(18)).isCloseTo(5 / 5.5, within(1e-12));
        assertThat(b.severity(17)).isGreaterThan(1);
        assertThat(b.admits(18)).isTrue();
        assertThat(b.admits(17)).isFalse();
    }

    private static List<Double> hits(int correct, int runs) {
        List<Double> h = new java.util.ArrayList<>(Collections.nCopies(correct, 1.0));
        h.addAll(Collections.nCopies(runs - correct, 0.0));
        return h;
    }
}
