package org.synapticgeometry.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/**
 * The report's robustness step (the paper's synthetic check): log-normal (random signs) or normal w₀,
 * a Gaussian perturbation in the true potential's dual space, n = 1000, 30 seeds. Golden check: the
 * seed-averaged scan's p̂ lies within ±0.1 of the true p (2 and 3), negative entropy lands at the
 * scan's lower end (p̂ ≤ 1.2) and its own candidate scores below every p-norm; at a larger step too.
 *
 * <p>Single seeds are noisier at n = 1000 (the Gaussian floor is 0.038, and the curve is flat near
 * its minimum): per-seed p̂ spreads over about ±0.3 for the 3-norm; see README, section score.
 */
class RobustnessTest {
    private static final Path SOURCE = Path.of("src/main/resources/org/synapticgeometry/report", Robustness.STORED);

    @Test
    void everyTruePotentialIsRecoveredWithinTheBand() {
        List<Robustness.Curve> curves = Robustness.compute();
        assertThat(curves).hasSize(6);
        check(curves, "report sizes");
        // a step of half the dual spread: still within the band
        check(Robustness.compute(Robustness.N, Robustness.SEEDS, 0.5), "sigma 0.5 x dual spread");
    }

    private static void check(List<Robustness.Curve> curves, String what) {
        for (Robustness.Curve c : curves) {
            String as = what + ": " + c.init() + " w0, trained " + c.truth().name();
            assertThat(c.pHat()).as(as + ", p-hat").isCloseTo(c.expectedP(), within(0.1 + 1e-12));
            double lowestP = Arrays.stream(c.deltaCdf()).min().getAsDouble();
            if (c.truth().name().equals("negative_entropy")) {
                assertThat(c.negativeEntropy()).as(as + ", NE below every p").isLessThan(lowestP);
            } else {
                assertThat(c.negativeEntropy()).as(as + ", NE above the minimum").isGreaterThan(lowestP);
            }
        }
    }

    @Test
    void seededSoEveryReportDrawsTheSameCurves() {
        List<Robustness.Curve> a = Robustness.compute(200, 2, 0.1);
        List<Robustness.Curve> b = Robustness.compute(200, 2, 0.1);
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i).deltaCdf()).isEqualTo(b.get(i).deltaCdf());
            assertThat(a.get(i).negativeEntropy()).isEqualTo(b.get(i).negativeEntropy());
        }
    }

    /** The seeds are scored in parallel: on four threads the curves are the same bits as on one. */
    @Test
    void fourThreadsComputeTheSameCurvesAsOne() throws Exception {
        List<Robustness.Curve> one = on(1);
        List<Robustness.Curve> four = on(4);
        for (int i = 0; i < one.size(); i++) {
            assertThat(four.get(i).deltaCdf()).isEqualTo(one.get(i).deltaCdf());
            assertThat(four.get(i).negativeEntropy()).isEqualTo(one.get(i).negativeEntropy());
            assertThat(four.get(i).pHat()).isEqualTo(one.get(i).pHat());
        }
    }

    private static List<Robustness.Curve> on(int threads) throws Exception {
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            return pool.submit(() -> Robustness.compute(200, 3, 0.1)).get();
        } finally {
            pool.shutdown();
        }
    }

    /**
     * A report draws the stored curves: they must be the bits the scorer computes now at the report's sizes,
     * p̂ included. After a change to the scorer, rewrite them with
     * {@code mvn -B test -Dtest=RobustnessTest -Dsgeo.rewriteRobustness=true}.
     */
    @Test
    void theStoredCurvesAreTheBitsTheScorerComputesNow() throws IOException {
        List<Robustness.Curve> fresh = Robustness.compute();
        String text = Robustness.format(fresh);
        List<Robustness.Curve> stored;
        if (Boolean.getBoolean("sgeo.rewriteRobustness")) {
            Files.writeString(SOURCE, text);
            stored = Robustness.parse(Files.readString(SOURCE));
        } else {
            stored = Robustness.reportCurves();
        }
        assertThat(stored).hasSameSizeAs(fresh);
        for (int i = 0; i < fresh.size(); i++) {
            String as = "curve " + i + " of " + Robustness.STORED + "; after a change to the scorer rewrite it: mvn -B"
                    + " test -Dtest=RobustnessTest -Dsgeo.rewriteRobustness=true";
            assertThat(stored.get(i).init()).as(as).isEqualTo(fresh.get(i).init());
            assertThat(stored.get(i).truth().name()).as(as).isEqualTo(fresh.get(i).truth().name());
            assertThat(stored.get(i).deltaCdf()).as(as).isEqualTo(fresh.get(i).deltaCdf());
            assertThat(stored.get(i).negativeEntropy()).as(as).isEqualTo(fresh.get(i).negativeEntropy());
            assertThat(stored.get(i).pHat()).as(as).isEqualTo(fresh.get(i).pHat());
        }
        check(stored, "stored curves");
    }

    /** A damaged store fails with a line naming it, not with a figure of wrong curves. */
    @Test
    void aTruncatedLineOfTheStoreIsRefused() {
        String text = Robustness.format(Robustness.compute(200, 2, 0.1));
        String truncated = text.substring(0, text.lastIndexOf(','));
        assertThatThrownBy(() -> Robustness.parse(truncated)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(Robustness.STORED).hasMessageContaining("fields");
    }

    /**
     * The report's figures are drawn once per process and rendered in the background: their bytes are those
     * of the same figures drawn and rendered afresh on this thread.
     */
    @Test
    void theReportsFiguresRenderedInTheBackgroundAreTheBytesOfAFreshRendering() throws Exception {
        Robustness.startInBackground();
        List<Figure> report = Robustness.reportFigures();
        assertThat(Robustness.reportFigures()).isSameAs(report);
        List<Figure> fresh = Robustness.figures(Robustness.reportCurves());
        assertThat(report).extracting(Figure::id).containsExactly("robustness_log_normal", "robustness_normal");
        for (int i = 0; i < fresh.size(); i++) {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ReportWriter.png(fresh.get(i).chart(), png);
            ByteArrayOutputStream svg = new ByteArrayOutputStream();
            SvgWriter.write(fresh.get(i).chart(), svg);
            assertThat(report.get(i).rendered().png()).isEqualTo(png.toByteArray());
            assertThat(report.get(i).rendered().svg()).isEqualTo(svg.toByteArray());
            assertThat(report.get(i).rendered()).isSameAs(report.get(i).rendered());
        }
    }

    @Test
    void oneFigurePerInitialDistributionNamingItsPaperCounterpart() {
        List<Figure> figures = Robustness.figures(Robustness.compute(200, 2, 0.1));
        assertThat(figures).extracting(Figure::id).containsExactly("robustness_log_normal", "robustness_normal");
        assertThat(figures.get(1).caption()).contains("Paper counterpart: the synthetic robustness check")
                .contains("2-norm p̂ = ").contains("3-norm p̂ = ").contains("negative_entropy p̂ = ");
    }
}
