package org.synapticgeometry.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.function.Consumer;
import java.util.Map;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Validates workflow parameters before Nextflow starts, so that nothing is started that cannot
 * finish: against the workflow's {@code nextflow_schema.json} (JSON Schema 2020-12: types, safe
 * characters for whatever reaches a task's shell), then the input paths ({@link PathParams}), then
 * the values as the stages will read them ({@link StageValues}: potentials, architectures, the
 * linear-regression params file). Errors name the parameter, the allowed values or form, and the
 * file and line where the value was set.
 */
public final class ParamsValidator {
    /** The schema's file name, beside the workflow's main script. */
    public static final String SCHEMA_FILE = "nextflow_schema.json";

    private final JsonSchema schema;
    private final JsonNode schemaJson;
    private final PathParams paths;

    private ParamsValidator(JsonNode schemaJson) {
        this.schemaJson = schemaJson;
        this.schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaJson);
        this.paths = PathParams.declaredIn(schemaJson);
    }

    /**
     * Loads the schema file.
     *
     * @throws UncheckedIOException naming the file when it cannot be read or parsed
     */
    public static ParamsValidator load(Path schemaFile) {
        try {
            return new ParamsValidator(new ObjectMapper().readTree(Files.readString(schemaFile)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the parameter schema " + schemaFile, e);
        }
    }

    /**
     * Checks every parameter and resolves the input paths; {@code fileChecks} reads file-valued parameters
     * the way their stage will (see {@link WorkflowRun#prepare(List, Path, Map)}).
     *
     * @return the parameters with every input path absolute
     * @throws IllegalArgumentException listing one line per invalid value, unknown parameter, wrong
     *     type or missing input file, each naming the parameter, what is allowed, what was found and where
     */
    public WorkflowParams validate(WorkflowParams params, Map<String, Consumer<Path>> fileChecks) {
        checkSchema(params);
        WorkflowParams resolved = paths.resolve(params);
        checkSchema(resolved);
        StageValues.check(resolved, fileChecks);
        return resolved;
    }

    /** Nextflow options passing the input paths of {@code resolved} (from {@link #validate}) as absolute paths. */
    public List<String> pathOptions(WorkflowParams resolved) {
        return paths.options(resolved);
    }

    private void checkSchema(WorkflowParams params) {
        List<String> known = knownNames();
        List<ValidationMessage> messages = List.copyOf(schema.validate(params.values()));
        List<String> problems = messages.stream()
                .filter(m -> !isEcho(m, known) && !isFailedAlternative(m, messages))
                .sorted(Comparator.comparing((ValidationMessage m) -> m.getInstanceLocation().toString())
                        .thenComparing(ValidationMessage::getMessage))
                .map(m -> describe(m, params))
                .distinct()
                .collect(Collectors.toList());
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid workflow parameters:\n  " + String.join("\n  ", problems));
        }
    }

    /**
     * Messages that only repeat another: a known parameter whose value failed is also reported as
     * "unevaluated" (JSON Schema drops annotations of failed subschemas; so is a known key of a
     * nested setting), and a nullable parameter's failure also says it is not null.
     */
    private boolean isEcho(ValidationMessage m, List<String> known) {
        if ("unevaluatedProperties".equals(m.getType())) {
            boolean nested = m.getInstanceLocation().toString().contains(".");
            return (nested ? keysAt(m) : known).contains(unevaluatedName(m));
        }
        return "type".equals(m.getType()) && "null".equals(m.getSchemaNode().asText());
    }

    /**
     * A wrong-type message of one alternative of an {@code anyOf} when the value has the type of another
     * alternative, which says more about it (a bad rule is not also "not a list", a list of rules with one
     * bad rule not also "not a string").
     */
    private static boolean isFailedAlternative(ValidationMessage m, List<ValidationMessage> all) {
        String at = m.getInstanceLocation().toString();
        return "type".equals(m.getType()) && all.stream().anyMatch(o -> {
            String other = o.getInstanceLocation().toString();
            return other.startsWith(at + "[") || other.startsWith(at + ".") || other.equals(at) && !"type".equals(o.getType());
        });
    }

    private String describe(ValidationMessage m, WorkflowParams params) {
        String where = m.getInstanceLocation().toString().replaceFirst("^\\$\\.?", "");
        String top = where.split("[.\\[]", 2)[0];
        if ("unevaluatedProperties".equals(m.getType())) {
            String name = unevaluatedName(m);
            if (!where.isEmpty()) {
                return params.origin(top) + ": " + where + ": unknown key '" + name + "' (known: "
                        + String.join(", ", keysAt(m)) + ")";
            }
            return params.origin(name) + ": unknown parameter '" + name + "' (known: "
                    + String.join(", ", knownNames()) + ")";
        }
        String found = m.getInstanceNode() == null ? "?" : m.getInstanceNode().toString();
        return params.origin(top) + ": " + where + " must be " + constraint(m) + ", found " + found;
    }

    /** The allowed values or form, in words; a pattern comes with its schema's description. */
    private String constraint(ValidationMessage m) {
        JsonNode s = m.getSchemaNode();
        return switch (m.getType()) {
            case "enum" -> "one of " + s;
            case "pattern" -> description(m) + " (pattern " + s.asText() + ")";
            case "type" -> "of type " + s.asText();
            case "minimum" -> ">= " + s.asText();
            case "exclusiveMinimum" -> "> " + s.asText();
            case "maximum" -> "<= " + s.asText();
            case "minItems" -> "a list of at least " + s.asText() + " items";
            default -> m.getMessage().replaceFirst("^\\S+: ", "");
        };
    }

    /** The description of the schema object holding the failed keyword. */
    private String description(ValidationMessage m) {
        String pointer = m.getSchemaLocation().getFragment().toString();
        String owner = pointer.substring(0, Math.max(0, pointer.lastIndexOf('/')));
        return schemaJson.at(owner).path("description").asText("of the required form");
    }

    private static String unevaluatedName(ValidationMessage m) {
        return m.getProperty() != null ? m.getProperty() : String.valueOf(m.getArguments()[0]);
    }

    /** The parameters: the properties of the groups the schema's top-level {@code allOf} names. */
    private List<String> knownNames() {
        List<String> names = new ArrayList<>();
        schemaJson.path("allOf").forEach(group -> properties(group, names));
        return names.stream().sorted().toList();
    }

    /** The keys allowed where {@code m} found an unknown one: its schema's own and its {@code $ref}'s properties. */
    private List<String> keysAt(ValidationMessage m) {
        String pointer = m.getSchemaLocation().getFragment().toString();
        List<String> keys = new ArrayList<>();
        properties(schemaJson.at(pointer.substring(0, Math.max(0, pointer.lastIndexOf('/')))), keys);
        return keys.stream().sorted().toList();
    }

    /** Adds the property names of {@code node} and of the definition its {@code $ref} names. */
    private void properties(JsonNode node, List<String> into) {
        node.path("properties").fieldNames().forEachRemaining(into::add);
        String ref = node.path("$ref").asText("");
        if (ref.startsWith("#/")) {
            properties(schemaJson.at(ref.substring(1)), into);
        }
    }
}
