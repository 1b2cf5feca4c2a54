package org.synapticgeometry.workflow;

import com.fasterxml.jackson.core.JacksonException;
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
import org.synapticgeometry.files.Json;

/**
 * The parameters a workflow run sets: a {@code -params-file} (YAML or JSON) overridden by
 * {@code --name value} options, as Nextflow merges them, with where each top-level value came from
 * (file and line, or the command line) so that errors can point at it, and the folder a relative
 * path in it is relative to: the params file's folder for values of the file, the launch folder for
 * command-line values.
 */
public final class WorkflowParams {
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,18}");
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]*\\.[0-9]+([eE][-+]?[0-9]+)?");

    private final ObjectNode values;
    private final Map<String, String> origins;
    private final Map<String, Path> baseDirs;

    private WorkflowParams(ObjectNode values, Map<String, String> origins, Map<String, Path> baseDirs) {
        this.values = values;
        this.origins = origins;
        this.baseDirs = baseDirs;
    }

    /**
     * Reads the params file (if any) and applies the command-line overrides. Command-line values
     * are typed as Nextflow types them: integers, decimals, true/false, else strings. A relative
     * {@code paramsFile} is relative to {@code launchDir}.
     *
     * @throws IllegalArgumentException when the file is missing, unparsable, empty or not a mapping
     */
    public static WorkflowParams of(Optional<Path> paramsFile, Map<String, String> overrides, Path launchDir) {
        ObjectNode values = JsonNodeFactory.instance.objectNode();
        Map<String, String> origins = new HashMap<>();
        Map<String, Path> baseDirs = new HashMap<>();
        paramsFile.ifPresent(given -> {
            Path file = launchDir.resolve(given).toAbsolutePath().normalize();
            readFile(given, file, values, origins);
            values.fieldNames().forEachRemaining(name -> baseDirs.put(name, file.getParent()));
        });
        overrides.forEach((name, text) -> {
            values.set(name, typed(text));
            origins.put(name, "command line --" + name);
            baseDirs.put(name, launchDir.toAbsolutePath().normalize());
        });
        return new WorkflowParams(values, origins, baseDirs);
    }

    /**
     * The absolute path a top-level path parameter names: relative to the params file's folder when
     * the file set it, to the launch folder when the command line did.
     */
    public Optional<Path> path(String name) {
        return text(name).map(v -> baseDirs.get(name).resolve(v).toAbsolutePath().normalize());
    }

    /** These parameters with {@code name} set to the text {@code value} (same origin and folder). */
    public WorkflowParams with(String name, String value) {
        ObjectNode copy = values.deepCopy();
        copy.put(name, value);
        return new WorkflowParams(copy, origins, baseDirs);
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

    private static void readFile(Path given, Path file, ObjectNode values, Map<String, String> origins) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("-params-file " + given + " does not exist (looked at " + file
                    + "; a relative path is relative to the launch folder; see params/*.yaml)");
        }
        boolean json = file.getFileName().toString().endsWith(".json");
        JsonFactory factory = json ? new JsonFactory() : new YAMLFactory();
        ObjectMapper mapper = new ObjectMapper(factory);
        try {
            JsonNode root = mapper.readTree(file.toFile());
            if (root == null || root.isMissingNode() || root.isNull()) {
                throw new IllegalArgumentException("-params-file " + given + " is empty: it must be a mapping of"
                        + " parameter names to values (e.g. params/smoke.yaml), or leave -params-file out");
            }
            if (!root.isObject()) {
                throw new IllegalArgumentException("-params-file " + given
                        + " must be a mapping of parameter names to values, found " + root.getNodeType());
            }
            values.setAll((ObjectNode) root);
            topLevelLines(factory, file).forEach((k, line) -> origins.put(k, given + " line " + line));
        } catch (JacksonException e) {
            throw new IllegalArgumentException("-params-file " + given + Json.where(e) + ": not valid "
                    + (json ? "JSON" : "YAML") + " (" + e.getOriginalMessage().lines().findFirst().orElse("")
                    + "); fix the syntax", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("-params-file " + given + " cannot be read: " + e.getMessage(), e);
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
