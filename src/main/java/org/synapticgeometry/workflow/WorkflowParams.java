package org.synapticgeometry.workflow;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The parameters a workflow run sets: a {@code -params-file} (YAML or JSON) overridden by
 * {@code --name value} options, as Nextflow merges them, with where each top-level value came from
 * (file and line, or the command line) so that errors can point at it.
 */
public final class WorkflowParams {
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,18}");
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]*\\.[0-9]+([eE][-+]?[0-9]+)?");

    private final ObjectNode values;
    private final Map<String, String> origins;

    private WorkflowParams(ObjectNode values, Map<String, String> origins) {
        this.values = values;
        this.origins = origins;
    }

    /**
     * Reads the params file (if any) and applies the command-line overrides. Command-line values
     * are typed as Nextflow types them: integers, decimals, true/false, else strings.
     *
     * @throws IllegalArgumentException when the file is missing, unparsable or not a mapping
     */
    public static WorkflowParams of(Optional<Path> paramsFile, Map<String, String> overrides) {
        ObjectNode values = JsonNodeFactory.instance.objectNode();
        Map<String, String> origins = new HashMap<>();
        paramsFile.ifPresent(file -> readFile(file, values, origins));
        overrides.forEach((name, text) -> {
            values.set(name, typed(text));
            origins.put(name, "command line --" + name);
        });
        return new WorkflowParams(values, origins);
    }

    /** The merged parameters (a copy). */
    public ObjectNode values() {
        return values.deepCopy();
    }

    /** Where the top-level parameter {@code name} was set, e.g. {@code params/smoke.yaml line 4}. */
    public String origin(String name) {
        return origins.getOrDefault(name, "parameters");
    }

    /** The text value of a top-level parameter, if set and not null. */
    public Optional<String> text(String name) {
        JsonNode n = values.get(name);
        return n == null || n.isNull() ? Optional.empty() : Optional.of(n.asText());
    }

    private static JsonNode typed(String text) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (INTEGER.matcher(text).matches()) {
            return f.numberNode(Long.parseLong(text));
        }
        if (DECIMAL.matcher(text).matches()) {
            return f.numberNode(Double.parseDouble(text));
        }
        if (text.equals("true") || text.equals("false")) {
            return f.booleanNode(Boolean.parseBoolean(text));
        }
        return f.textNode(text);
    }

    private static void readFile(Path file, ObjectNode values, Map<String, String> origins) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("-params-file " + file + " does not exist (see params/*.yaml)");
        }
        boolean json = file.getFileName().toString().endsWith(".json");
        JsonFactory factory = json ? new JsonFactory() : new YAMLFactory();
        ObjectMapper mapper = new ObjectMapper(factory);
        try {
            JsonNode root = mapper.readTree(file.toFile());
            if (root == null || root.isMissingNode() || root.isNull()) {
                return;
            }
            if (!root.isObject()) {
                throw new IllegalArgumentException("-params-file " + file
                        + " must be a mapping of parameter names to values, found " + root.getNodeType());
            }
            values.setAll((ObjectNode) root);
            topLevelLines(factory, file).forEach((k, line) -> origins.put(k, file + " line " + line));
        } catch (IOException e) {
            throw new IllegalArgumentException("-params-file " + file + " is not valid "
                    + (json ? "JSON" : "YAML") + ": " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    /** Line of each top-level key, found by streaming the file's tokens. */
    private static Map<String, Integer> topLevelLines(JsonFactory factory, Path file) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser p = factory.createParser(file.toFile())) {
            int depth = 0;
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t.isStructStart()) {
                    depth++;
                } else if (t.isStructEnd()) {
                    depth--;
                } else if (t == JsonToken.FIELD_NAME && depth == 1) {
                    lines.put(p.currentName(), p.currentTokenLocation().getLineNr());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return lines;
    }
}
