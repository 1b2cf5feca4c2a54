package org.synapticgeometry.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.synapticgeometry.geometry.Potentials;
import org.synapticgeometry.snapshot.FloatTensor;
import org.synapticgeometry.snapshot.NpzWriter;
import org.synapticgeometry.testing.PythonPeer;

/**
 * Every statistic of a scope, cross-checked against numpy/scipy computing on the same float32
 * weights: Δ in the candidate's dual space (numpy, float64), then scipy's {@code kstest},
 * {@code anderson}, {@code skew(bias=False)}, {@code kurtosis(bias=False)}, numpy's std(ddof=1),
 * and the paper's grid ΔCDF written the way the public code writes it (a broadcast comparison on
 * {@code linspace(-5, 5, 1000)}). The exact ΔCDF is checked against a vectorised numpy closed form
 * (the antiderivative of scipy's norm.cdf between order statistics, split at norm.ppf).
 */
@Tag("python")
class ScipyCrossCheckTest {
    // Statistics are sums of n float64 terms in a different order than numpy's pairwise sums and
    // use Hart's Φ (1e-14) instead of scipy's ndtr: agreement to ~1e-12 relative is expected; 1e-9
    // leaves margin without hiding a wrong formula (which would differ at 1e-3 or more).
    private static final double TOL = 1e-9;

    private static final String SCRIPT = """
            import sys, json, numpy as np
            from scipy import stats, integrate
            w0 = np.load(sys.argv[1]).astype(np.float64); w1 = np.load(sys.argv[2]).astype(np.float64)
            cand = sys.argv[3]
            def dual(w):
                if cand == 'negative_entropy':
                    with np.errstate(divide='ignore', invalid='ignore'):
                        return np.sign(w) * (np.log(np.abs(w)) + 1)
                p = float(cand.split('-')[0])
                return np.sign(w) * np.abs(w) ** (p - 1)
            d0 = dual(w0); d = dual(w1) - d0
            ok = np.isfinite(d) & np.isfinite(d0)
            d = d[ok].astype(np.float32).astype(np.float64)
            sd = d.std(ddof=1); m = d.mean(); z = d / sd; zc = (d - m) / sd
            x = np.linspace(-5, 5, 1000)
            def grid(z):
                cdf = (z[None, :] < x[:, None]).mean(1)
                return float(np.sum(np.abs(cdf - stats.norm.cdf(x))) * (x[1] - x[0]))
            def exact(z):
                # closed form per piece between order statistics: the integral of the normal cdf
                # is G(t) = t*cdf(t) + pdf(t); pieces where F_n crosses the cdf split at ppf(F_n)
                s = np.sort(z); n = len(s)
                pts = np.concatenate([[-5.0], s[(s > -5) & (s < 5)], [5.0]])
                a, b = pts[:-1], pts[1:]
                keep = b > a
                a, b = a[keep], b[keep]
                f = np.searchsorted(s, a, side='right') / n
                f[0] = np.searchsorted(s, -5.0, side='right') / n
                G = lambda t: t * stats.norm.cdf(t) + stats.norm.pdf(t)
                c = np.clip(stats.norm.ppf(f), a, b)
                left = np.abs(f * (c - a) - (G(c) - G(a)))
                right = np.abs((G(b) - G(c)) - f * (b - c))
                return float(np.sum(left + right))
            print(json.dumps({'n': int(ok.sum()), 'excluded': int((~ok).sum()), 'mean': m, 'std': sd,
              'ks': stats.kstest(z, 'norm').statistic, 'ad': stats.anderson(d, 'norm').statistic,
              'skew': stats.skew(d, bias=False), 'kurt': stats.kurtosis(d, bias=False),
              'grid': grid(z), 'grid_c': grid(zc), 'exact': exact(z), 'exact_c': exact(zc),
              'magnitude': float(np.linalg.norm(d) / np.linalg.norm(d0[ok]))}))
            """;

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"2-norm,NORMAL,0.3,1", "3-norm,NORMAL,0.2,2", "1.5-norm,LOG_NORMAL,0.2,3",
        "negative_entropy,LOG_NORMAL,0.5,4", "2.5-norm,LOG_NORMAL,0.1,5"})
    void everyStatisticMatchesScipy(String candidate, SyntheticChange.Init init, double relative, long seed)
            throws Exception {
        float[] w0 = SyntheticChange.initial(init, 3000, seed);
        float[] w1 = SyntheticChange.perturbed(Potentials.parse("2-norm"), w0, relative, seed + 100);
        w0[7] = 0f; // a zero weight: excluded under negative entropy, kept by the p-norms
        Path a = dir.resolve("w0.npy");
        Path b = dir.resolve("w1.npy");
        NpzWriter.writeNpy(a, FloatTensor.vector(w0));
        NpzWriter.writeNpy(b, FloatTensor.vector(w1));
        var ref = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                PythonPeer.run(SCRIPT, a.toString(), b.toString(), candidate));
        ScopeStatistics s = WeightChangeScorer.of(List.of(new WeightLayer("w", w0, w1)), Scopes.all(),
                StatisticSet.FULL).score(Potentials.parse(candidate)).scopes().get(Scopes.POOLED);
        assertThat(s.n()).isEqualTo(ref.get("n").asLong());
        assertThat(s.excluded()).isEqualTo(ref.get("excluded").asLong());
        close(s.mean(), ref.get("mean").asDouble(), "mean");
        close(s.std(), ref.get("std").asDouble(), "std");
        close(s.ks(), ref.get("ks").asDouble(), "ks");
        close(s.andersonDarling(), ref.get("ad").asDouble(), "anderson");
        close(s.skewness(), ref.get("skew").asDouble(), "skew");
        close(s.excessKurtosis(), ref.get("kurt").asDouble(), "kurtosis");
        close(s.deltaCdfGrid(), ref.get("grid").asDouble(), "grid");
        close(s.deltaCdfGridCentered(), ref.get("grid_c").asDouble(), "grid centred");
        close(s.deltaCdf(), ref.get("exact").asDouble(), "exact");
        close(s.deltaCdfCentered(), ref.get("exact_c").asDouble(), "exact centred");
        close(s.magnitude(), ref.get("magnitude").asDouble(), "magnitude");
    }

    private static void close(double ours, double scipy, String what) {
        assertThat(ours).as("%s: ours %s, scipy %s", what, ours, scipy).isCloseTo(scipy, within(TOL * Math.max(1, Math.abs(scipy))));
    }
}
