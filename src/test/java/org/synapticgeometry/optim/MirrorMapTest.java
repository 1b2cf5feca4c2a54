package org.synapticgeometry.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.synapticgeometry.geometry.Potential;
import org.synapticgeometry.geometry.Potentials;

/** The vectorised maps against the scalar double-precision reference of {@code geometry}. */
class MirrorMapTest {
    /** float32 arithmetic through pow/log/exp/asinh: a few float ulps, relative. */
    private static final double RTOL = 3e-6;
    private static final double ATOL = 1e-6;

    private static final String[] POTENTIALS = {
        "2-norm", "1.5-norm", "2.5-norm", "3-norm", "negative_entropy", "hypentropy:0.1"};

    @ParameterizedTest
    @MethodSource("org.synapticgeometry.geometry.PotentialFamilies#names")
    void dualPrimalAndStepMatchScalarReference(String name) {
        Potential phi = Potentials.parse(name);
        MirrorMap map = MirrorMap.of(phi);
        float[] w = randomWeights(4000, 3);
        float[] direction = randomWeights(4000, 5);
        float eta = 0.05f;
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray weight = m.create(w);
            float[] dual = map.toDual(weight).toFloatArray();
            float[] primal = map.toPrimal(m.create(dual), weight).toFloatArray();
            map.step(weight, m.create(direction), eta);
            float[] stepped = weight.toFloatArray();
            for (int i = 0; i < w.length; i++) {
                double expectedDual = phi.toDual(w[i]);
                double expectedStep = phi.toPrimal(phi.toDual(w[i]) - (double) eta * direction[i], w[i]);
                assertClose(name + " dual", i, dual[i], expectedDual);
                assertClose(name + " primal", i, primal[i], phi.toPrimal(dual[i], w[i]));
                assertClose(name + " step", i, stepped[i], expectedStep);
            }
        }
    }

    /** A zero weight with zero direction stays zero everywhere (no 0·∞ NaN); under negative entropy for any direction. */
    @Test
    void zerosStayZero() {
        for (String name : POTENTIALS) {
            MirrorMap map = MirrorMap.of(Potentials.parse(name));
            boolean ne = name.equals("negative_entropy");
            try (NDManager m = NDManager.newBaseManager()) {
                NDArray weight = m.create(new float[] {0f, 0f, 1f});
                map.step(weight, m.create(new float[] {0f, ne ? 3f : 0f, 0.1f}), 0.5f);
                float[] out = weight.toFloatArray();
                assertThat(out[0]).as(name).isEqualTo(0f);
                assertThat(out[1]).as(name).isEqualTo(0f);
                assertThat(out[2]).as(name).isLessThan(1f);
            }
        }
    }

    @Test
    void negativeEntropyDualOfZeroIsNaN() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray dual = MirrorMap.of(Potentials.parse("negative_entropy")).toDual(m.create(new float[] {0f, -1f}));
            assertThat(dual.toFloatArray()[0]).isNaN();
            assertThat(dual.toFloatArray()[1]).isCloseTo(-1f, within(1e-6f));
        }
    }

    private static void assertClose(String what, int i, float actual, double expected) {
        assertThat((double) actual).as("%s at index %d: %s vs reference %s", what, i, actual, expected)
                .isCloseTo(expected, within(ATOL + RTOL * Math.abs(expected)));
    }

    /** Weights of both signs with magnitudes from 1e-3 to e. */
    static float[] randomWeights(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = (float) ((r.nextBoolean() ? 1 : -1) * Math.exp(r.nextDouble(-7, 1)));
        }
        return w;
    }
}
