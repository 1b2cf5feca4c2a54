package org.synapticgeometry.synapse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.synapticgeometry.data.Seeds;
import org.synapticgeometry.geometry.Potentials;

/**
 * Simulation study of the size fit: data drawn from one potential's two-state model with known
 * parameters, fitted with every default candidate; counts how often the true geometry ranks first
 * and how often the true parameters lie inside their 95% intervals. Simulations run in parallel and
 * are seeded per index, so results do not depend on the thread count.
 */
final class SizeRecovery {
    /** A simulated truth: the generating potential, the candidate that represents it, and its parameters. */
    record Truth(String potential, String candidate, double c1, double c2, double pi1, double sigma, double beta) {
        SizeMixture model() {
            return SizeMixture.of(Potentials.parse(potential), new double[] {c1, c2}, new double[] {pi1, 1 - pi1}, sigma);
        }

        /** True values of the candidate's reported parameters. */
        List<double[]> checks(CandidateFit fit) {
            List<double[]> out = new ArrayList<>();
            out.add(new double[] {c1, fit.estimate("c_1").lower(), fit.estimate("c_1").upper()});
            out.add(new double[] {c2, fit.estimate("c_2").lower(), fit.estimate("c_2").upper()});
            out.add(new double[] {pi1, fit.estimate("pi_1").lower(), fit.estimate("pi_1").upper()});
            out.add(new double[] {sigma, fit.estimate("sigma").lower(), fit.estimate("sigma").upper()});
            if (!Double.isNaN(beta)) {
                out.add(new double[] {beta, fit.estimate("beta").lower(), fit.estimate("beta").upper()});
            }
            return out;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s c=(%s, %s) pi1=%s sigma=%s", potential, c1, c2, pi1, sigma);
        }
    }

    /** Outcome of a batch of simulations. */
    record Outcome(Truth truth, int n, int simulations, int first, int covered, int checked, List<String> losers) {
        double firstRate() {
            return (double) first / simulations;
        }

        double coverage() {
            return (double) covered / checked;
        }

        String line() {
            return String.format(Locale.ROOT, "%-60s n=%5d sims=%3d  first %5.1f%%  coverage %5.1f%% (%d/%d)%s",
                    truth, n, simulations, 100 * firstRate(), 100 * coverage(), covered, checked,
                    losers.isEmpty() ? "" : "  beaten by " + losers);
        }
    }

    private SizeRecovery() {
    }

    /** Runs {@code simulations} fits of n sizes from {@code truth}. */
    static Outcome run(Truth truth, int n, int simulations, long seed) {
        SizeComparison comparison = SizeComparison.of(SizeFitter.of(2, 4), Candidate.defaults(), 0, 0);
        List<SizeComparison.Result> results = IntStream.range(0, simulations).parallel()
                .mapToObj(i -> comparison.compare("sim", List.of(SizeSimulation.sample(truth.model(), n,
                        Seeds.derive(seed, truth.toString(), Integer.toString(n), Integer.toString(i)))),
                        SizeFitterTest.silent()))
                .toList();
        int first = 0;
        int covered = 0;
        int checked = 0;
        List<String> losers = new ArrayList<>();
        for (SizeComparison.Result r : results) {
            String best = r.best().fit().candidate();
            if (best.equals(truth.candidate())) {
                first++;
            } else {
                losers.add(best);
            }
            CandidateFit fit = r.ranking().stream().map(RankedCandidate::fit)
                    .filter(f -> f.candidate().equals(truth.candidate())).findFirst().orElseThrow();
            for (double[] c : truth.checks(fit)) {
                checked++;
                if (c[1] <= c[0] && c[0] <= c[2]) {
                    covered++;
                }
            }
        }
        return new Outcome(truth, n, simulations, first, covered, checked, losers);
    }
}
