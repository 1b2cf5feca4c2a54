package org.synapticgeometry.stage.linreg;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synapticgeometry.cli.ExitCodes;
import org.synapticgeometry.testing.Cli;
import org.synapticgeometry.testing.PythonPeer;

/**
 * numpy reads the snapshots, and recomputes from them, independently, the uncentred paper-grid
 * ΔCDF that linreg.csv reports (scipy's normal CDF, the paper's linspace grid).
 */
@Tag("python")
class LinregNumpyTest {
    @TempDir
    Path tmp;

    @Test
    void numpyReadsSnapshotsAndReproducesGridScore() throws IOException {
        Path params = tmp.resolve("p.yaml");
        Files.writeString(params, LinregDeterminismTest.PARAMS);
        Path out = tmp.resolve("out");
        Cli r = Cli.run("linreg", "--params", params.toString(), "--out", out.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
        String script = String.join("\n",
                "import csv, sys, os, numpy as np",
                "from scipy.stats import norm",
                "out = sys.argv[1]",
                "rows = list(csv.DictReader(open(os.path.join(out, 'linreg.csv'))))",
                "for m in csv.DictReader(open(os.path.join(out, 'manifest.csv'))):",
                "    w0 = np.load(os.path.join(out, m['init']))['weight'].astype(np.float64)",
                "    w1 = np.load(os.path.join(out, m['final']))['weight'].astype(np.float64)",
                "    assert w0.shape == w1.shape and w0.shape[0] == 1, w0.shape",
                "    dual = lambda w: np.sign(w) * np.abs(w) ** 2",
                "    d = (dual(w1) - dual(w0)).ravel()",
                "    z = d / d.std(ddof=1)",
                "    x = np.linspace(-5, 5, 1000)",
                "    F = (z[None, :] < x[:, None]).mean(axis=1)",
                "    score = np.abs(F - norm.cdf(x)).sum() * (x[1] - x[0])",
                "    row = next(r for r in rows if r['run_id'] == m['run_id'])",
                "    print(m['run_id'], score, row['delta_cdf_grid_3-norm'])");
        String result = PythonPeer.run(script, out.toString());
        assertThat(result.lines().count()).isEqualTo(8);
        for (String line : result.strip().lines().toList()) {
            String[] f = line.split(" ");
            // float32 dual changes vs numpy's float64: the grid sum can move by one step h/n at most
            assertThat(Double.parseDouble(f[1])).as(f[0]).isCloseTo(Double.parseDouble(f[2]),
                    org.assertj.core.api.Assertions.within(2e-3));
        }
    }
}
