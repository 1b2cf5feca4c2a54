package org.synapticgeometry.geometry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Potentials that cover every family and every special case a registry distinguishes (the 2-norm,
 * the paper's p-norms, a general p, negative entropy, hypentropy), for the tests that check each
 * registry of fast kernels against the scalar maths.
 */
public final class PotentialFamilies {
    private static final List<String> EXAMPLES = List.of("2-norm", "3-norm", "1.5-norm", "2.5-norm", "1.7-norm",
            "negative_entropy", "hypentropy:0.1", "hypentropy:10");

    private PotentialFamilies() {
    }

    /** The names of {@link #examples()}, e.g. for a JUnit {@code @MethodSource}. */
    public static List<String> names() {
        return examples().stream().map(Potential::name).toList();
    }

    /** Potentials of every family, after checking that they cover every family {@link Potential} permits. */
    public static List<Potential> examples() {
        List<Potential> potentials = EXAMPLES.stream().map(Potentials::parse).toList();
        Set<Class<?>> covered = potentials.stream().map(Object::getClass).collect(Collectors.toSet());
        assertThat(covered).as("a test example for every potential family")
                .containsExactlyInAnyOrderElementsOf(Arrays.asList(Potential.class.getPermittedSubclasses()));
        return potentials;
    }
}
