package org.synapticgeometry.synapse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.synapticgeometry.geometry.HypentropyPotential;
import org.synapticgeometry.geometry.Potential;
import org.synapticgeometry.geometry.Potentials;

/**
 * One candidate geometry for a size fit: a fixed potential ({@code negative_entropy}, {@code 2-norm},
 * {@code hypentropy:0.1}, ...) or hypentropy with its scale β fitted as an extra parameter (written
 * {@code hypentropy} without a β). Immutable.
 */
public final class Candidate {
    /** The name of hypentropy with a fitted β. */
    public static final String FREE_HYPENTROPY = "hypentropy";

    private final String name;
    private final Potential fixed;

    private Candidate(String name, Potential fixed) {
        this.name = name;
        this.fixed = fixed;
    }

    /**
     * Parses a candidate: {@code hypentropy} (β fitted) or any name {@link Potentials#parse} accepts.
     *
     * @throws IllegalArgumentException for an unknown or invalid name
     */
    public static Candidate parse(String text) {
        if (text != null && FREE_HYPENTROPY.equals(text.trim().toLowerCase(Locale.ROOT))) {
            return new Candidate(FREE_HYPENTROPY, null);
        }
        Potential p = Potentials.parse(text);
        return new Candidate(p.name(), p);
    }

    /** Parses a comma-separated list of candidates. @throws IllegalArgumentException for a bad name or a repeat */
    public static List<Candidate> parseList(String commaSeparated) {
        List<Candidate> out = new ArrayList<>();
        for (String part : commaSeparated.split(",")) {
            Candidate c = parse(part);
            if (out.stream().anyMatch(o -> o.name.equals(c.name))) {
                throw new IllegalArgumentException("--candidates lists " + c.name + " twice; list each candidate once");
            }
            out.add(c);
        }
        return List.copyOf(out);
    }

    /** The default candidates: the paper's five (negative entropy, 1.5-, 2-, 2.5-, 3-norm) and hypentropy with β fitted. */
    public static List<Candidate> defaults() {
        List<Candidate> out = new ArrayList<>();
        for (Potential p : Potentials.paperCandidates()) {
            out.add(new Candidate(p.name(), p));
        }
        out.add(new Candidate(FREE_HYPENTROPY, null));
        return List.copyOf(out);
    }

    /** Name as written in outputs. */
    public String name() {
        return name;
    }

    /** True when β is a fitted parameter. */
    public boolean freeBeta() {
        return fixed == null;
    }

    /** The fixed potential. @throws IllegalStateException for hypentropy with a fitted β */
    public Potential fixedPotential() {
        if (fixed == null) {
            throw new IllegalStateException(name + " has no fixed potential: its beta is fitted");
        }
        return fixed;
    }

    /** The potential at a β (ignored unless β is fitted). */
    Potential potential(double beta) {
        return fixed != null ? fixed : HypentropyPotential.of(beta);
    }

    @Override
    public String toString() {
        return name;
    }
}
