package org.synapticgeometry.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.synapticgeometry.geometry.Potentials;
import org.synapticgeometry.snapshot.NpyReader;
import org.synapticgeometry.testing.PythonPeer;

/**
 * Weights whose dual values leave float32's range (|w| near 1e37 under the 2.5- and 3-norm, near 1e-30
 * under the 3-norm) and float64 weights whose changes are below float32 resolution are scored like numpy
 * does in float64 throughout. Our Δ is computed in float64 and stored rounded to float32 for sorting, so
 * agreement is to float32 resolution of Δ (≈ 6e-8 relative per value); 1e-6 is the stated tolerance.
 */
@Tag("python")
class ExtremeWeightsTest {
    private static final double TOL = 1e-6;

    private static final String SCRIPT = """
            import sys, json, numpy as np
            from scipy import stats
            out, case, cands = sys.argv[1], sys.argv[2], sys.argv[3].split(',')
            r = np.random.default_rng(7)
            w0 = r.normal(0, 0.1, 4000)
            if case == 'huge':
                w0 = (w0 * 1e37).astype(np.float32); w1 = (w0 * (1 + r.normal(0, 0.05, w0.size))).astype(np.float32)
            elif case == 'tiny':
                w0 = (w0 * 1e-30).astype(np.float32); w1 = (w0 * (1 + r.normal(0, 0.05, w0.size))).astype(np.float32)
            else:
                w1 = w0 + r.normal(0, 1e-9, w0.size)
            np.save(out + '/w0.npy', w0); np.save(out + '/w1.npy', w1)
            w0 = w0.astype(np.float64); w1 = w1.astype(np.float64)
            def dual(c, w):
                if c == 'negative_entropy':
                    with np.errstate(divide='ignore', invalid='ignore'):
                        return np.sign(w) * (np.log(np.abs(w)) + 1)
                p = float(c.split('-')[0])
                return np.sign(w) * np.abs(w) ** (p - 1)
            res = {}
            for c in cands:
                d = dual(c, w1) - dual(c, w0)
                sd = d.std(ddof=1); z = np.sort(d / sd); n = len(z)
                res[c] = {'n': n, 'mean': d.mean(), 'std': sd, 'ks': stats.kstest(z, 'norm').statistic,
                          'f32_unchanged': int(np.sum(w0.astype(np.float32) == w1.astype(np.float32)))}
            print(json.dumps(res))
            """;

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {"huge; 2.5-norm,3-norm,2-norm,negative_entropy", "tiny; 3-norm,2.5-norm,2-norm",
        "float64; 2-norm,3-norm,1.5-norm,negative_entropy"})
    void extremeAndFloat64WeightsMatchNumpyInFloat64(String kind, String candidates) throws Exception {
        JsonNode ref = new ObjectMapper().readTree(PythonPeer.run(SCRIPT, dir.toString(), kind, candidates));
        NpyReader.NpyArray a = NpyReader.read(dir.resolve("w0.npy"));
        NpyReader.NpyArray b = NpyReader.read(dir.resolve("w1.npy"));
        WeightLayer layer = a.float64() != null ? new WeightLayer("w", a.float64(), b.float64())
                : new WeightLayer("w", a.tensor().data(), b.tensor().data());
        WeightChangeScorer scorer = WeightChangeScorer.of(List.of(layer), Scopes.parse("pooled"), StatisticSet.FULL);
        for (String c : candidates.split(",")) {
            JsonNode want = ref.get(c);
            ScopeStatistics s = scorer.score(Potentials.parse(c)).scopes().get(Scopes.POOLED);
            assertThat(s.n()).as(c).isEqualTo(want.get("n").asLong());
            assertThat(s.excluded()).as(c).isZero();
            close(s.ks(), want.get("ks").asDouble(), kind + " " + c + " ks");
            close(s.std(), want.get("std").asDouble(), kind + " " + c + " std");
            close(s.mean(), want.get("mean").asDouble(), kind + " " + c + " mean", want.get("std").asDouble());
            assertThat(s.deltaCdf()).as(kind + " " + c + " delta_cdf").isFinite();
            if (kind.equals("float64")) {
                // what rounding to float32 would have thrown away: most changes vanish
                assertThat(want.get("f32_unchanged").asLong()).as("changes below float32 resolution").isGreaterThan(1000);
            }
        }
    }

    private static void close(double ours, double numpy, String what) {
        close(ours, numpy, what, numpy);
    }

    private static void close(double ours, double numpy, String what, double scale) {
        assertThat(ours).as("%s: ours %s, numpy %s", what, ours, numpy)
                .isCloseTo(numpy, within(TOL * Math.abs(scale)));
    }
}
