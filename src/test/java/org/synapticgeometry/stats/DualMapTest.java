package org.synapticgeometry.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.synapticgeometry.geometry.Potential;
import org.synapticgeometry.geometry.PotentialFamilies;

/** The registry of array dual maps covers every potential family and agrees with the scalar dual map. */
class DualMapTest {

    @Test
    void everyFamilyMapsLikeItsScalarDual() {
        SplittableRandom r = new SplittableRandom(3);
        float[] w = new float[5000];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) ((r.nextBoolean() ? 1 : -1) * Math.exp(r.nextDouble(-9, 3)));
        }
        w[17] = 0f;
        for (Potential p : PotentialFamilies.examples()) {
            double[] out = new double[w.length];
            for (int i = 0; i < w.length; i++) {
                out[i] = w[i];
            }
            DualMap.of(p).map(out, w.length);
            for (int i = 0; i < w.length; i++) {
                double expected = p.toDual(w[i]);
                if (Double.isNaN(expected)) {
                    assertThat(out[i]).as("%s at %s", p.name(), w[i]).isNaN();
                } else {
                    // products and a square root instead of pow: a few double ulps
                    assertThat(out[i]).as("%s at %s", p.name(), w[i])
                            .isCloseTo(expected, within(1e-14 * Math.abs(expected) + 1e-300));
                }
            }
        }
    }
}
