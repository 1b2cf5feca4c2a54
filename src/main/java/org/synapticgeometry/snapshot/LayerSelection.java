package org.synapticgeometry.snapshot;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which layers of a snapshot are scored: names matching {@code include} (whole-name regular
 * expression) and not matching {@code exclude}.
 *
 * @param include names to keep (null keeps all)
 * @param exclude names to drop (null drops none)
 */
public record LayerSelection(Pattern include, Pattern exclude) {
    /** Every layer. */
    public static LayerSelection all() {
        return new LayerSelection(null, null);
    }

    /**
     * Compiles the two expressions (either may be null or blank).
     *
     * @throws IllegalArgumentException naming the option when an expression does not compile
     */
    public static LayerSelection of(String include, String exclude) {
        return new LayerSelection(compile("--layers", include), compile("--exclude-layers", exclude));
    }

    private static Pattern compile(String option, String regex) {
        if (regex == null || regex.isBlank()) {
            return null;
        }
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(option + " must be a regular expression, found '" + regex + "' ("
                    + e.getDescription() + ")");
        }
    }

    /** True when the layer is scored. */
    public boolean test(String name) {
        return (include == null || include.matcher(name).matches())
                && (exclude == null || !exclude.matcher(name).matches());
    }

    /**
     * The selected names, in order.
     *
     * @throws IllegalArgumentException naming the source when nothing is selected (an empty scope)
     */
    public List<String> select(List<String> names, String source) {
        List<String> kept = names.stream().filter(this::test).toList();
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("empty scope: no layer of " + source + " is selected (layers: "
                    + String.join(", ", names) + "); change --layers / --exclude-layers");
        }
        return kept;
    }
}
