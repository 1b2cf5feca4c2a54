package org.synapticgeometry.synapse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.synapticgeometry.geometry.Potentials;

class SizeFitterTest {

    private static SizeMixture model(String potential, double c1, double c2, double pi1, double sigma) {
        return SizeMixture.of(Potentials.parse(potential), new double[] {c1, c2}, new double[] {pi1, 1 - pi1}, sigma);
    }

    @Test
    void oneStateNegativeEntropyFitIsTheLogNormalClosedForm() {
        double[] w = SizeSimulation.sample(model("negative_entropy", 1.0, 3.0, 0.5, 0.6), 500, 3);
        double[] log = Arrays.stream(w).map(Math::log).toArray();
        double mean = Arrays.stream(log).average().orElseThrow();
        double sd = Math.sqrt(Arrays.stream(log).map(x -> (x - mean) * (x - mean)).sum() / w.length);
        CandidateFit f = SizeFitter.of(1, 1).fit(Candidate.parse("negative_entropy"), List.of(w));
        // the optimizer stops at a trust region of 1e-6 on the log scale
        assertThat(f.estimate("c_1").estimate()).isCloseTo(Math.exp(mean), within(1e-5 * Math.exp(mean)));
        assertThat(f.estimate("sigma").estimate()).isCloseTo(sd, within(1e-5 * sd));
        // Wald SE of a normal mean and SD: sd/sqrt(n) and sd/sqrt(2n) (delta method to c = exp(mean))
        assertThat(f.estimate("c_1").se()).isCloseTo(Math.exp(mean) * sd / Math.sqrt(w.length), within(1e-3));
        assertThat(f.estimate("sigma").se()).isCloseTo(sd / Math.sqrt(2.0 * w.length), within(1e-4));
        double ll = -Arrays.stream(log).sum() - w.length * (Math.log(sd) + 0.5 * Math.log(2 * Math.PI) + 0.5);
        assertThat(f.logLikelihood()).isCloseTo(ll, within(1e-6));
        assertThat(f.bic()).isCloseTo(2 * Math.log(w.length) - 2 * ll, within(1e-5));
        assertThat(f.aic()).isCloseTo(4 - 2 * ll, within(1e-5));
    }

    @Test
    void oneStateTwoNormFitIsTheGaussianClosedForm() {
        double[] w = SizeSimulation.sample(model("2-norm", 5.0, 5.0, 0.5, 1.0), 400, 4);
        double mean = Arrays.stream(w).average().orElseThrow();
        double sd = Math.sqrt(Arrays.stream(w).map(x -> (x - mean) * (x - mean)).sum() / w.length);
        CandidateFit f = SizeFitter.of(1, 1).fit(Candidate.parse("2-norm"), List.of(w));
        assertThat(f.estimate("c_1").estimate()).isCloseTo(mean, within(1e-5 * mean));
        assertThat(f.estimate("sigma").estimate()).isCloseTo(sd, within(1e-5 * sd));
        assertThat(f.negativeMass().get(0)).isCloseTo(org.synapticgeometry.stats.Normal.cdf(-mean / sd), within(1e-9));
    }

    @Test
    void logNormalMixtureIsNotExplainedByTheTwoNorm() {
        double[] w = SizeSimulation.sample(model("negative_entropy", 1.0, 5.0, 0.6, 0.5), 2000, 11);
        List<RankedCandidate> ranking = SizeComparison.of(SizeFitter.of(2, 4),
                Candidate.parseList("negative_entropy,2-norm"), 0, 0).compare("all", List.of(w), silent()).ranking();
        assertThat(ranking.get(0).fit().candidate()).isEqualTo("negative_entropy");
        RankedCandidate gd = ranking.get(1);
        assertThat(gd.deltaBic()).as("ΔBIC of the 2-norm").isGreaterThan(100.0);
        assertThat(gd.verdict()).startsWith("ruled out");
        assertThat(gd.fit().maxNegativeMass()).as("2-norm mass on negative sizes").isGreaterThan(0.01);
        assertThat(gd.fit().maxKs()).isGreaterThan(3 * ranking.get(0).fit().maxKs());
        assertThat(ranking.get(0).fit().maxKs()).as("KS of the true model at n = 2000").isLessThan(0.035);
    }

    @Test
    void jointFitRecoversTheChangeSpreadOfUnpairedSamples() {
        // before: states 1 and 5 with dual SD 0.3; after: the same plus a change of SD 0.4 (total 0.5)
        double[] before = SizeSimulation.sample(model("negative_entropy", 1.0, 5.0, 0.6, 0.3), 3000, 21);
        double[] after = SizeSimulation.sample(model("negative_entropy", 1.0, 5.0, 0.6, 0.5), 3000, 22);
        SizeComparison.Result r = SizeComparison.of(SizeFitter.of(2, 4),
                Candidate.parseList("negative_entropy,2-norm,3-norm"), 0, 0)
                .compare("all", List.of(before, after), silent());
        CandidateFit ne = r.best().fit();
        assertThat(ne.candidate()).isEqualTo("negative_entropy");
        assertThat(ne.parameters()).isEqualTo(5);
        assertThat(ne.estimate("sigma").covers(0.3)).as("sigma %s", ne.estimate("sigma")).isTrue();
        assertThat(ne.estimate("sigma_change").covers(0.4)).as("sigma_change %s", ne.estimate("sigma_change")).isTrue();
        assertThat(r.ranking().get(1).deltaBic()).isGreaterThan(10.0);
    }

    @Test
    void rankingDoesNotDependOnTheSizeUnit() {
        double[] w = SizeSimulation.sample(model("negative_entropy", 1.0, 5.0, 0.6, 0.4), 800, 13);
        double[] scaled = Arrays.stream(w).map(x -> 1e6 * x).toArray();
        SizeComparison cmp = SizeComparison.of(SizeFitter.of(2, 4),
                Candidate.parseList("negative_entropy,2.5-norm,hypentropy"), 0, 0);
        List<RankedCandidate> a = cmp.compare("all", List.of(w), silent()).ranking();
        List<RankedCandidate> b = cmp.compare("all", List.of(scaled), silent()).ranking();
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.get(i).fit().candidate()).isEqualTo(a.get(i).fit().candidate());
            // log L shifts by −n·ln(1e6) for every candidate, so ΔBIC is unchanged (up to the optimizer's tolerance)
            assertThat(b.get(i).deltaBic()).isCloseTo(a.get(i).deltaBic(), within(1e-3));
            assertThat(b.get(i).fit().logLikelihood())
                    .isCloseTo(a.get(i).fit().logLikelihood() - w.length * Math.log(1e6), within(1e-3));
        }
        // a p-norm's dual SD scales as a^(p−1): 2.5-norm sigma by (1e6)^1.5
        CandidateFit pa = a.stream().map(RankedCandidate::fit).filter(f -> f.candidate().equals("2.5-norm")).findFirst()
                .orElseThrow();
        CandidateFit pb = b.stream().map(RankedCandidate::fit).filter(f -> f.candidate().equals("2.5-norm")).findFirst()
                .orElseThrow();
        assertThat(pb.estimate("sigma").estimate() / pa.estimate("sigma").estimate()).isCloseTo(1e9, within(1e4));
    }

    @Test
    void fitsAreReproducible() {
        double[] w = SizeSimulation.sample(model("hypentropy:1", 1.0, 8.0, 0.6, 0.25), 600, 5);
        CandidateFit a = SizeFitter.of(2, 3).fit(Candidate.parse("hypentropy"), List.of(w));
        CandidateFit b = SizeFitter.of(2, 3).fit(Candidate.parse("hypentropy"), List.of(w));
        assertThat(a.logLikelihood()).isEqualTo(b.logLikelihood());
        assertThat(a.estimates()).isEqualTo(b.estimates());
    }

    static java.io.PrintWriter silent() {
        return new java.io.PrintWriter(java.io.Writer.nullWriter());
    }
}
