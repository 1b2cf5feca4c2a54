package org.synapticgeometry.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The input files and folders a workflow's parameters name: the schema's properties with
 * {@code "format": "file-path"} or {@code "directory-path"} (the nf-core schema's formats; outputs
 * such as {@code outdir} have none and stay relative to the launch folder, as in Nextflow). Each value is resolved the one documented way, relative to the params file
 * that names it or, on the command line, to the launch folder (see {@link WorkflowParams#path}),
 * and must exist before Nextflow starts; tasks get the absolute path, so a run works from any
 * launch folder.
 */
final class PathParams {
    private final Map<String, Boolean> inputs;

    private PathParams(Map<String, Boolean> inputs) {
        this.inputs = inputs;
    }

    /** The input path parameters declared in {@code schema} (a parsed {@code nextflow_schema.json}). */
    static PathParams declaredIn(JsonNode schema) {
        Map<String, Boolean> inputs = new LinkedHashMap<>();
        schema.path("$defs").findValues("properties").forEach(props -> props.fields().forEachRemaining(e -> {
            String format = e.getValue().path("format").asText("");
            if (format.equals("file-path") || format.equals("directory-path")) {
                inputs.put(e.getKey(), format.equals("directory-path"));
            }
        }));
        return new PathParams(inputs);
    }

    /**
     * Replaces every input path that is set by its absolute path.
     *
     * @throws IllegalArgumentException listing, for each path that does not exist (or is not of
     *     the right kind), the parameter, where it was set, the path looked at and the fix
     */
    WorkflowParams resolve(WorkflowParams params) {
        List<String> problems = new ArrayList<>();
        WorkflowParams resolved = params;
        for (var input : inputs.entrySet()) {
            String name = input.getKey();
            boolean folder = input.getValue();
            var path = params.path(name);
            if (path.isEmpty()) {
                continue;
            }
            Path p = path.get();
            if (folder ? !Files.isDirectory(p) : !Files.isRegularFile(p)) {
                problems.add(params.origin(name) + ": " + name + " '" + params.text(name).orElseThrow() + "' names "
                        + p + ", which " + (Files.exists(p) ? "is not a " + (folder ? "folder" : "file")
                        : "does not exist") + " (a path in a params file is relative to that file's folder,"
                        + " on the command line to the launch folder; give the " + (folder ? "folder" : "file")
                        + "'s path that way or as an absolute path)");
            }
            resolved = resolved.with(name, p.toString());
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("missing input files:\n  " + String.join("\n  ", problems));
        }
        return resolved;
    }

    /** Nextflow options that pass every set input path as its absolute path ({@code --name /abs/path}). */
    List<String> options(WorkflowParams resolved) {
        List<String> out = new ArrayList<>();
        inputs.keySet().forEach(name -> resolved.text(name).ifPresent(v -> out.addAll(List.of("--" + name, v))));
        return out;
    }
}
