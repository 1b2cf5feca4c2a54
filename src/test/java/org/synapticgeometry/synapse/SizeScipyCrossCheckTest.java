package org.synapticgeometry.synapse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synapticgeometry.geometry.Potentials;
import org.synapticgeometry.testing.PythonPeer;

/**
 * Independent peers in Python: scipy's log-normal and normal densities for the size model, and a
 * maximum-likelihood fit by expectation–maximisation (numpy) of the shared-σ Gaussian mixture of
 * the dual values, which the BOBYQA fit must match.
 */
@Tag("python")
class SizeScipyCrossCheckTest {
    @TempDir
    Path dir;

    /** scipy densities: log-normal mixture (negative entropy) and normal mixture (2-norm). */
    private static final String DENSITIES = """
            import sys
            import numpy as np
            from scipy import stats
            w = np.array([float(x) for x in sys.argv[1].split(',')])
            ne = 0.6 * stats.lognorm.pdf(w, 0.5, scale=1.0) + 0.4 * stats.lognorm.pdf(w, 0.5, scale=4.0)
            gd = 0.6 * stats.norm.pdf(w, 1.0, 0.8) + 0.4 * stats.norm.pdf(w, 4.0, 0.8)
            neg = 0.6 * stats.norm.cdf(0, 1.0, 0.8) + 0.4 * stats.norm.cdf(0, 4.0, 0.8)
            print(' '.join(repr(float(x)) for x in np.log(ne)))
            print(' '.join(repr(float(x)) for x in np.log(gd)))
            print(repr(float(neg)))
            """;

    /** EM for a two-component Gaussian mixture with one shared variance, on t = dual(w); prints the MLE. */
    private static final String EM = """
            import sys
            import numpy as np
            from scipy import stats
            w = np.loadtxt(sys.argv[1])
            kind = sys.argv[2]
            t = {'ne': np.log(w) + 1.0, 'gd': w, 'p3': w ** 2}[kind]
            logjac = {'ne': -np.log(w), 'gd': np.zeros_like(w), 'p3': np.log(2.0 * w)}[kind]
            mu = np.quantile(t, [0.25, 0.75]); pi = np.array([0.5, 0.5]); s = t.std()
            for _ in range(20000):
                dens = pi * stats.norm.pdf(t[:, None], mu, s)
                r = dens / dens.sum(axis=1, keepdims=True)
                nk = r.sum(axis=0)
                mu_new = (r * t[:, None]).sum(axis=0) / nk
                s_new = np.sqrt((r * (t[:, None] - mu_new) ** 2).sum() / len(t))
                pi = nk / len(t)
                done = np.max(np.abs(mu_new - mu)) < 1e-13 and abs(s_new - s) < 1e-13
                mu, s = mu_new, s_new
                if done:
                    break
            ll = np.log((pi * stats.norm.pdf(t[:, None], mu, s)).sum(axis=1)).sum() + logjac.sum()
            order = np.argsort(mu)
            print(repr(float(ll)), repr(float(mu[order][0])), repr(float(mu[order][1])),
                  repr(float(pi[order][0])), repr(float(s)))
            """;

    @Test
    void densitiesMatchScipy() {
        double[] w = {0.1, 0.5, 1.0, 2.0, 4.0, 9.0};
        String arg = Arrays.stream(w).mapToObj(x -> Double.toString(x)).collect(Collectors.joining(","));
        String[] lines = PythonPeer.run(DENSITIES, arg).trim().split("\n");
        SizeMixture ne = SizeMixture.of(Potentials.parse("negative_entropy"), new double[] {1.0, 4.0},
                new double[] {0.6, 0.4}, 0.5);
        SizeMixture gd = SizeMixture.of(Potentials.parse("2-norm"), new double[] {1.0, 4.0}, new double[] {0.6, 0.4}, 0.8);
        double[] neRef = Arrays.stream(lines[0].split(" ")).mapToDouble(Double::parseDouble).toArray();
        double[] gdRef = Arrays.stream(lines[1].split(" ")).mapToDouble(Double::parseDouble).toArray();
        for (int i = 0; i < w.length; i++) {
            // both sides are closed forms in double precision
            assertThat(ne.logDensity(w[i])).as("NE at %s", w[i]).isCloseTo(neRef[i], within(1e-12));
            assertThat(gd.logDensity(w[i])).as("2-norm at %s", w[i]).isCloseTo(gdRef[i], within(1e-12));
        }
        assertThat(gd.negativeMass()).isCloseTo(Double.parseDouble(lines[2]), within(1e-15));
    }

    @Test
    void maximumLikelihoodMatchesAnIndependentEmFit() throws IOException {
        check("negative_entropy", "ne", new double[] {1.0, 5.0}, 0.4);
        check("2-norm", "gd", new double[] {1.0, 3.0}, 0.25);
        check("3-norm", "p3", new double[] {1.0, 3.0}, 0.3);
    }

    private void check(String potential, String kind, double[] states, double sigma) throws IOException {
        SizeMixture truth = SizeMixture.of(Potentials.parse(potential), states, new double[] {0.6, 0.4}, sigma);
        double[] w = SizeSimulation.sample(truth, 1500, 31);
        Path file = dir.resolve(kind + ".txt");
        Files.writeString(file, Arrays.stream(w).mapToObj(x -> String.format(Locale.ROOT, "%.17g", x))
                .collect(Collectors.joining("\n")));
        double[] em = Arrays.stream(PythonPeer.run(EM, file.toString(), kind).trim().split(" "))
                .mapToDouble(Double::parseDouble).toArray();
        CandidateFit fit = SizeFitter.of(2, 4).fit(Candidate.parse(potential), List.of(w));
        // EM converges to 1e-13 in the means; BOBYQA stops at a 1e-6 trust region: log L agrees to ~1e-6
        assertThat(fit.logLikelihood()).as(potential + " log L").isCloseTo(em[0], within(1e-5));
        double[] dualStates = Arrays.stream(fit.point().states()).map(Potentials.parse(potential)::toDual).toArray();
        assertThat(dualStates[0]).isCloseTo(em[1], within(1e-4 * Math.abs(em[1])));
        assertThat(dualStates[1]).isCloseTo(em[2], within(1e-4 * Math.abs(em[2])));
        assertThat(fit.estimate("pi_1").estimate()).isCloseTo(em[3], within(1e-4));
        assertThat(fit.estimate("sigma").estimate()).isCloseTo(em[4], within(1e-4 * em[4]));
    }
}
