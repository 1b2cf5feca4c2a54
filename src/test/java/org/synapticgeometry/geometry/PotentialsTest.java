package org.synapticgeometry.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PotentialsTest {

    @ParameterizedTest
    @ValueSource(strings = {"2-norm", "1.5-norm", "3-norm", "2.5-norm", "1.1-norm", "negative_entropy",
        "hypentropy:0.01", "hypentropy:10"})
    void inverseOfDualIsIdentityOnBothSigns(String name) {
        Potential phi = Potentials.parse(name);
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 10_000; i++) {
            double w = (r.nextBoolean() ? 1 : -1) * Math.exp(r.nextDouble(-6, 2));
            double back = phi.toPrimal(phi.toDual(w), w);
            // relative 1e-12: a few ulps through pow/log/exp and their inverses
            assertThat(back).as("%s at w=%s", name, w).isCloseTo(w, within(1e-12 * Math.abs(w) + 1e-300));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2-norm", "1.5-norm", "3-norm", "negative_entropy", "hypentropy:0.1"})
    void divergenceIsZeroOnDiagonalAndPositiveElsewhere(String name) {
        Potential phi = Potentials.parse(name);
        SplittableRandom r = new SplittableRandom(11);
        for (int i = 0; i < 1000; i++) {
            double a = r.nextDouble(0.01, 3);
            double b = r.nextDouble(0.01, 3);
            assertThat(phi.divergence(a, a)).isCloseTo(0.0, within(1e-12));
            assertThat(phi.divergence(a, b)).as("%s D(%s,%s)", name, a, b).isGreaterThanOrEqualTo(-1e-12);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2-norm", "3-norm", "negative_entropy", "hypentropy:0.5"})
    void dualIsTheDerivativeOfTheValue(String name) {
        Potential phi = Potentials.parse(name);
        double h = 1e-6;
        for (double w : new double[] {-2.5, -0.3, 0.2, 1.7}) {
            double numeric = (phi.value(w + h) - phi.value(w - h)) / (2 * h);
            assertThat(phi.toDual(w)).as("%s at %s", name, w).isCloseTo(numeric, within(1e-6));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gd:2-norm", "GD:2-norm", "eg:negative_entropy", "ne:negative_entropy",
        "negative-entropy:negative_entropy", "3.0-norm:3-norm", "2.50-norm:2.5-norm", "hypentropy:0.010:hypentropy:0.01"})
    void parsesAliasesToCanonicalNames(String pair) {
        int cut = pair.indexOf(':');
        String input = pair.startsWith("hypentropy") ? "hypentropy:0.010" : pair.substring(0, cut);
        String expected = pair.startsWith("hypentropy") ? "hypentropy:0.01" : pair.substring(cut + 1);
        assertThat(Potentials.parse(input).name()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1-norm", "0.5-norm", "-2-norm", "NaN-norm", "Infinity-norm", "hypentropy:0",
        "hypentropy:-1", "hypentropy:NaN", "entropy", "", "x-norm", "l2"})
    void rejectsInvalidNamesListingTheValidForms(String bad) {
        assertThatThrownBy(() -> Potentials.parse(bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("valid forms")
                .hasMessageContaining("negative_entropy");
    }

    @org.junit.jupiter.api.Test
    void negativeEntropyDualOfZeroIsNaNAndInverseKeepsSign() {
        Potential ne = NegativeEntropyPotential.INSTANCE;
        assertThat(ne.toDual(0.0)).isNaN();
        assertThat(ne.toPrimal(0.3, -2.0)).isNegative();
        assertThat(ne.toPrimal(0.3, 0.0)).isZero();
        // closed form: θ = sign(w)(log|w| + 1) at w = e gives 2
        assertThat(ne.toDual(Math.E)).isCloseTo(2.0, within(1e-15));
        assertThat(ne.toDual(-Math.E)).isCloseTo(-2.0, within(1e-15));
    }

    @org.junit.jupiter.api.Test
    void secondDerivativeIsTheDerivativeOfTheDual() {
        for (Potential p : PotentialFamilies.examples()) {
            for (double w : new double[] {-3.0, -0.05, 0.05, 0.7, 3.0, 40.0}) {
                double h = 1e-6 * Math.abs(w);
                double slope = (p.toDual(w + h) - p.toDual(w - h)) / (2 * h);
                // central difference: relative error ~h² φ''''/φ'' plus rounding ~1e-16/h, below 1e-6
                assertThat(Math.exp(p.logSecondDerivative(w))).as("%s phi''(%s)", p, w)
                        .isCloseTo(slope, within(1e-6 * slope));
            }
        }
    }

    @org.junit.jupiter.api.Test
    void secondDerivativeIsInfiniteAtZeroWhereTheDualIsSteep() {
        assertThat(Potentials.parse("negative_entropy").logSecondDerivative(0.0)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(Potentials.parse("1.5-norm").logSecondDerivative(0.0)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(Potentials.parse("2-norm").logSecondDerivative(0.0)).isZero();
        assertThat(Potentials.parse("3-norm").logSecondDerivative(0.0)).isEqualTo(Double.NEGATIVE_INFINITY);
        // hypentropy: phi''(0) = 1/beta
        assertThat(Potentials.parse("hypentropy:0.25").logSecondDerivative(0.0)).isCloseTo(Math.log(4.0), within(1e-15));
    }

    @org.junit.jupiter.api.Test
    void visitorReachesTheFamilyOfEachPotential() {
        Potential.Visitor<String> family = new Potential.Visitor<>() {
            @Override
            public String pNorm(PNormPotential p) {
                return "p=" + p.p();
            }

            @Override
            public String negativeEntropy(NegativeEntropyPotential p) {
                return "ne";
            }

            @Override
            public String hypentropy(HypentropyPotential p) {
                return "beta=" + p.beta();
            }
        };
        assertThat(Potentials.parse("2.5-norm").accept(family)).isEqualTo("p=2.5");
        assertThat(Potentials.parse("eg").accept(family)).isEqualTo("ne");
        assertThat(Potentials.parse("hypentropy:0.3").accept(family)).isEqualTo("beta=0.3");
    }
}
