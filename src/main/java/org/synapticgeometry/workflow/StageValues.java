package org.synapticgeometry.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.synapticgeometry.geometry.Potentials;
import org.synapticgeometry.model.Architecture;
import org.synapticgeometry.model.Zoo;

/**
 * The parameter values read the way the stages will read them, so that a value a stage would refuse
 * hours into a run is refused before Nextflow starts: potential names by the stages' own parser
 * ({@link Potentials#parse}: p ≤ 1, β ≤ 0, unknown names), architectures by the zoo (feed-forward
 * ones in {@code architectures}, recurrent ones in {@code rnn_architectures}), and input files by the
 * readers the command line hands in (the linear-regression params file by the linreg stage's reader: k
 * outside (0, 1], every other field), so that this package needs no stage. The keys of the per-architecture,
 * per-potential and per-(architecture, potential) settings are read the same way, and a setting is refused when the stage's free-form
 * args already give its option (the stage would refuse the option given twice).
 */
final class StageValues {
    private StageValues() {
    }

    /**
     * Checks the values; {@code params} has its input paths resolved ({@link PathParams}); {@code fileChecks}
     * maps a file-valued parameter to the reader of the stage that will read it.
     *
     * @throws IllegalArgumentException listing one line per value a stage would refuse, each with
     *     where it was set and the stage's own message
     */
    static void check(WorkflowParams params, Map<String, Consumer<Path>> fileChecks) {
        List<String> problems = new ArrayList<>();
        JsonNode values = params.values();
        for (String list : List.of("trained_potentials", "candidates")) {
            eachText(values, list, Potentials::parse, params, problems);
        }
        eachText(values, "architectures", name -> architecture(name, false), params, problems);
        eachText(values, "rnn_architectures", name -> architecture(name, true), params, problems);
        eachKey(values, "architecture_settings", Zoo::get, params, problems);
        eachKey(values, "potential_settings", Potentials::parse, params, problems);
        pairPotentials(values, params, problems);
        SETTING_OPTIONS.forEach((setting, option) -> collision(values, setting, option, params, problems));
        fileChecks.forEach((name, read) -> params.path(name).ifPresent(file -> attempt(() -> read.accept(file),
                params.origin(name) + ": ", problems::add)));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid workflow parameters:\n  " + String.join("\n  ", problems));
        }
    }

    /** Each stage setting, its option, and the free-form parameter that must not give that option too. */
    private static final Map<String, List<String>> SETTING_OPTIONS = Map.of(
            "lr_grid", List.of("--lr-grid", "finetune_args"),
            "epochs", List.of("--epochs", "finetune_args"),
            "subset_size", List.of("--subset-size", "finetune_args"),
            "pretrain_lr", List.of("--lr", "pretrain_args"),
            "pretrain_epochs", List.of("--epochs", "pretrain_args"));

    /** A setting whose option the stage's free-form args also give would reach the stage twice. */
    private static void collision(JsonNode values, String setting, List<String> option, WorkflowParams params,
            List<String> problems) {
        String args = values.path(option.get(1)).asText("");
        boolean inArgs = List.of(args.split("[ =]+")).contains(option.get(0));
        for (Map.Entry<String, JsonNode> entry : settings(values).entrySet()) {
            if (inArgs && entry.getValue().has(setting)) {
                String group = entry.getKey().split("\\.", 2)[0];
                problems.add(params.origin(group) + ": " + entry.getKey() + "." + setting
                        + " and " + option.get(1) + " both give " + option.get(0) + "; keep one of them");
            }
        }
    }

    /**
     * Every stage setting by where it is given: {@code architecture_settings.<a>}, its
     * {@code architecture_settings.<a>.potentials.<p>}, and {@code potential_settings.<p>}.
     */
    private static Map<String, JsonNode> settings(JsonNode values) {
        Map<String, JsonNode> all = new LinkedHashMap<>();
        for (String group : List.of("architecture_settings", "potential_settings")) {
            values.path(group).fields().forEachRemaining(entry -> {
                all.put(group + "." + entry.getKey(), entry.getValue());
                entry.getValue().path("potentials").fields().forEachRemaining(pair ->
                        all.put(group + "." + entry.getKey() + ".potentials." + pair.getKey(), pair.getValue()));
            });
        }
        return all;
    }

    /** Applies {@code check} to every key of the mapping parameter {@code name}. */
    private static void eachKey(JsonNode values, String name, Consumer<String> check, WorkflowParams params,
            List<String> problems) {
        values.path(name).fieldNames().forEachRemaining(key -> attempt(() -> check.accept(key),
                params.origin(name) + ": " + name + "." + key + ": ", problems::add));
    }

    /** The potentials named under {@code architecture_settings.<a>.potentials}, read by the stages' parser. */
    private static void pairPotentials(JsonNode values, WorkflowParams params, List<String> problems) {
        String origin = params.origin("architecture_settings");
        values.path("architecture_settings").fields().forEachRemaining(arch -> {
            String at = origin + ": architecture_settings." + arch.getKey() + ".potentials.";
            arch.getValue().path("potentials").fieldNames().forEachRemaining(key ->
                    attempt(() -> Potentials.parse(key), at + key + ": ", problems::add));
        });
    }

    private static void architecture(String name, boolean recurrent) {
        Architecture a = Zoo.get(name);
        if (a.recurrentOnly() != recurrent) {
            List<String> fitting = Zoo.names().stream().filter(n -> Zoo.get(n).recurrentOnly() == recurrent).toList();
            throw new IllegalArgumentException("'" + name + "' is " + (recurrent ? "not " : "") + "a recurrent"
                    + " architecture; " + (recurrent ? "rnn_architectures" : "architectures") + " takes "
                    + String.join(", ", fitting));
        }
    }

    /** Applies {@code check} to every text item of the list parameter {@code name}. */
    private static void eachText(JsonNode values, String name, Consumer<String> check, WorkflowParams params,
            List<String> problems) {
        JsonNode list = values.path(name);
        for (int i = 0; i < list.size(); i++) {
            String item = list.get(i).asText();
            String at = name + "[" + i + "]";
            attempt(() -> check.accept(item), params.origin(name) + ": " + at + ": ", problems::add);
        }
    }

    private static void attempt(Runnable check, String prefix, Consumer<String> problems) {
        try {
            check.run();
        } catch (IllegalArgumentException e) {
            problems.accept(prefix + e.getMessage());
        }
    }
}
