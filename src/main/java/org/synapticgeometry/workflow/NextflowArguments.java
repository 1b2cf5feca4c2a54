package org.synapticgeometry.workflow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The arguments of {@code sgeo run WORKFLOW.nf [Nextflow options]}: the workflow file, then
 * Nextflow's own options, passed through unchanged. It reads the few that {@code sgeo run} needs
 * before Nextflow starts: {@code -params-file}, {@code -profile}, {@code -name} and the
 * {@code --param value} overrides.
 *
 * @param workflow the workflow file
 * @param nextflowOptions every argument after the workflow file, in order
 * @param paramsFile the {@code -params-file} value, if any
 * @param profiles the {@code -profile} names (comma-separated on the command line)
 * @param runName the {@code -name} value, if any
 * @param overrides the {@code --name value} parameters as given (strings; a bare flag is "true")
 */
public record NextflowArguments(Path workflow, List<String> nextflowOptions, Optional<Path> paramsFile,
        List<String> profiles, Optional<String> runName, Map<String, String> overrides) {

    /** Copies the collections. */
    public NextflowArguments {
        nextflowOptions = List.copyOf(nextflowOptions);
        profiles = List.copyOf(profiles);
        overrides = Map.copyOf(overrides);
    }

    /**
     * Parses the arguments of {@code sgeo run}.
     *
     * @throws IllegalArgumentException when no workflow is given, the workflow file does not exist,
     *     or an option that needs a value has none
     */
    public static NextflowArguments parse(List<String> args) {
        if (args.isEmpty() || args.get(0).startsWith("-")) {
            throw new IllegalArgumentException("WORKFLOW.nf must come first, found "
                    + (args.isEmpty() ? "nothing" : "'" + args.get(0) + "'")
                    + " (e.g. sgeo run workflows/main.nf -params-file params/smoke.yaml)");
        }
        Path workflow = Path.of(args.get(0));
        if (!Files.isRegularFile(workflow)) {
            throw new IllegalArgumentException("workflow file " + workflow + " does not exist"
                    + " (the workflows are in workflows/: main.nf, linreg.nf)");
        }
        List<String> rest = args.subList(1, args.size());
        Path paramsFile = null;
        List<String> profiles = new ArrayList<>();
        String runName = null;
        Map<String, String> overrides = new LinkedHashMap<>();
        for (int i = 0; i < rest.size(); i++) {
            String a = rest.get(i);
            switch (a) {
                case "-params-file" -> paramsFile = Path.of(valueOf(rest, i++, a));
                case "-profile" -> profiles.addAll(List.of(valueOf(rest, i++, a).split(",")));
                case "-name" -> runName = valueOf(rest, i++, a);
                default -> i += override(rest, i, overrides);
            }
        }
        return new NextflowArguments(workflow, rest, Optional.ofNullable(paramsFile), profiles,
                Optional.ofNullable(runName), overrides);
    }

    /** Records {@code --name value}, {@code --name=value} or a bare {@code --flag}; returns values consumed. */
    private static int override(List<String> rest, int i, Map<String, String> overrides) {
        String a = rest.get(i);
        if (!a.startsWith("--") || a.length() == 2) {
            return 0;
        }
        int eq = a.indexOf('=');
        if (eq > 0) {
            overrides.put(a.substring(2, eq), a.substring(eq + 1));
            return 0;
        }
        boolean hasValue = i + 1 < rest.size() && !rest.get(i + 1).startsWith("-");
        overrides.put(a.substring(2), hasValue ? rest.get(i + 1) : "true");
        return hasValue ? 1 : 0;
    }

    private static String valueOf(List<String> rest, int i, String option) {
        if (i + 1 >= rest.size() || rest.get(i + 1).startsWith("-")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return rest.get(i + 1);
    }
}
