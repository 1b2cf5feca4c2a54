package org.synapticgeometry.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.synapticgeometry.geometry.Potential;
import org.synapticgeometry.geometry.PotentialFamilies;

/**
 * The package's one registry of kernels covers every potential family: each gets a mirror map
 * for its own potential, each family has a fused step for at least one of its members, and a
 * fused step takes the same step as the family's chain of libtorch ops.
 */
class PotentialKernelsTest {

    @Test
    void everyFamilyHasAMirrorMapAndAFusedStep() {
        List<Potential> examples = PotentialFamilies.examples();
        Set<Class<?>> fusedFamilies = new HashSet<>();
        for (Potential p : examples) {
            PotentialKernels kernels = PotentialKernels.of(p);
            assertThat(kernels.map().potential()).as(p.name()).isSameAs(p);
            if (kernels.fused() != null) {
                fusedFamilies.add(p.getClass());
                assertThat(kernels.fused().get()).as(p.name()).isNotNull();
            }
        }
        assertThat(fusedFamilies).as("families with a fused step")
                .containsExactlyInAnyOrder(Potential.class.getPermittedSubclasses());
    }

    /** The start-up linkage check ({@link FusedStep.Linkage}) runs every fused kernel there is. */
    @Test
    void linkageCheckExercisesEveryFusedKernel() {
        assertThat(VectorMirrorStep.exerciseEveryPath())
                .containsExactlyInAnyOrder(VectorMirrorStep.class.getPermittedSubclasses());
    }

    @Test
    void fusedAndLibtorchStepsAgree() {
        float[] w = MirrorMapTest.randomWeights(1003, 8);
        float[] g = MirrorMapTest.randomWeights(1003, 9);
        for (Potential p : PotentialFamilies.examples()) {
            PotentialKernels kernels = PotentialKernels.of(p);
            if (kernels.fused() == null) {
                continue;
            }
            try (NDManager m = NDManager.newBaseManager()) {
                NDArray fused = m.create(w);
                NDArray chained = m.create(w);
                NDArray gradient = m.create(g);
                kernels.fused().get().update(DirectViews.of(fused), DirectViews.of(gradient), null,
                        new StepCoefficients(0.05f, 1f, 0f, 0f, 0f, 0f, false), 1);
                kernels.map().step(chained, gradient, 0.05f);
                float[] a = fused.toFloatArray();
                float[] b = chained.toFloatArray();
                for (int i = 0; i < a.length; i++) {
                    // both in float32: a few ulps apart (MirrorMapTest and FusedStepTest bound each against double)
                    assertThat((double) a[i]).as("%s index %d", p.name(), i)
                            .isCloseTo(b[i], within(2e-6 + 8e-6 * Math.abs(b[i])));
                }
            }
        }
    }
}
