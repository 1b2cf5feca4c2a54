package org.synapticgeometry.geometry;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Parses potential names and lists the paper's candidates. */
public final class Potentials {
    /** The valid forms, quoted in every parse error. */
    public static final String VALID_FORMS =
            "<p>-norm with p > 1 (e.g. 2-norm, 1.5-norm, 3-norm), negative_entropy, hypentropy:<beta> with beta > 0"
                    + " (e.g. hypentropy:0.01); aliases: gd = 2-norm, eg / ne / negative-entropy = negative_entropy";

    private Potentials() {
    }

    /**
     * Parses a potential name, case-insensitively.
     *
     * @throws IllegalArgumentException for an unknown name, p ≤ 1, β ≤ 0, NaN or infinity; the
     *     message lists the valid forms
     */
    public static Potential parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("potential name is empty; valid forms: " + VALID_FORMS);
        }
        String s = text.trim().toLowerCase(Locale.ROOT);
        switch (s) {
            case "gd", "sgd", "euclidean":
                return PNormPotential.of(2.0);
            case "eg", "ne", "negative_entropy", "negative-entropy", "negentropy":
                return NegativeEntropyPotential.INSTANCE;
            default:
                break;
        }
        try {
            if (s.endsWith("-norm")) {
                return PNormPotential.of(parseNumber(s.substring(0, s.length() - "-norm".length())));
            }
            if (s.startsWith("hypentropy:")) {
                return HypentropyPotential.of(parseNumber(s.substring("hypentropy:".length())));
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid potential '" + text + "': " + e.getMessage()
                    + "; valid forms: " + VALID_FORMS, e);
        }
        throw new IllegalArgumentException("unknown potential '" + text + "'; valid forms: " + VALID_FORMS);
    }

    /** Parses a comma-separated list of potential names. */
    public static List<Potential> parseList(String commaSeparated) {
        List<Potential> out = new ArrayList<>();
        for (String part : commaSeparated.split(",")) {
            out.add(parse(part));
        }
        return List.copyOf(out);
    }

    /** The paper's five candidate geometries: negative entropy, 1.5-, 2-, 2.5- and 3-norm. */
    public static List<Potential> paperCandidates() {
        return List.of(NegativeEntropyPotential.INSTANCE, PNormPotential.of(1.5), PNormPotential.of(2.0),
                PNormPotential.of(2.5), PNormPotential.of(3.0));
    }

    /** Formats a parameter without a trailing ".0" or exponent noise: 2 → "2", 2.5 → "2.5". */
    static String formatNumber(double x) {
        return new BigDecimal(Double.toString(x)).stripTrailingZeros().toPlainString();
    }

    private static double parseNumber(String number) {
        double value;
        try {
            value = Double.parseDouble(number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + number + "' is not a number");
        }
        if (Double.isNaN(value)) {
            throw new IllegalArgumentException("the parameter is NaN");
        }
        return value;
    }
}
