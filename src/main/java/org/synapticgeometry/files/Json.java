package org.synapticgeometry.files;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The one JSON configuration of every output file ({@code model.json}, {@code train.json}, {@code run.json},
 * {@code scores.json}, {@code identification.json}, {@code linreg.json}, snapshot descriptions, fit
 * results): keys in snake_case, indented, and a number that is not finite written as {@code null} (valid
 * JSON for every reader; a {@code double} read back from {@code null} is NaN, never 0). Readers also accept
 * the camelCase keys that older files used.
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .addModule(nonFiniteAsNull())
            .build();
    private static final Pattern CAMEL = Pattern.compile("[a-z][a-z0-9]*(?:[A-Z][a-z0-9]*)+");

    private Json() {
    }

    /** The configured mapper (for trees and custom reads; prefer {@link #write} and {@link #read}). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Writes {@code value} atomically as indented snake_case JSON with a final newline. */
    public static void write(Path file, Object value) {
        AtomicFiles.writeString(file, text(value));
    }

    /** {@code value} as indented snake_case JSON with a final newline. */
    public static String text(Object value) {
        try {
            return MAPPER.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a file into {@code type}; camelCase keys of older files are read as their snake_case names.
     *
     * @throws IllegalArgumentException if the file is missing, a folder or not valid JSON for the type
     */
    public static <T> T read(Path file, Class<T> type, String role) {
        try {
            return MAPPER.treeToValue(readTree(file, role), type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(role + " " + file + " is not a valid " + role + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    /**
     * Reads a file as a tree with snake_case keys (camelCase keys of older files renamed).
     *
     * @throws IllegalArgumentException if the file is missing, a folder or not valid JSON
     */
    public static JsonNode readTree(Path file, String role) {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(role + " " + file + " is a folder; give the JSON file");
        }
        try {
            return snakeKeys(MAPPER.readTree(Files.readString(file)));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(role + " " + file + " does not exist; check the path", e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(role + " " + file + " is not valid JSON (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + "): "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + role + " " + file + ": " + e.getMessage(), e);
        }
    }

    /** {@code name} in snake_case when it is a camelCase identifier, else unchanged (paths, layer names). */
    static String snake(String name) {
        if (!CAMEL.matcher(name).matches()) {
            return name;
        }
        return PropertyNamingStrategies.SnakeCaseStrategy.INSTANCE.translate(name);
    }

    private static SimpleModule nonFiniteAsNull() {
        StdSerializer<Double> writer = new StdSerializer<>(Double.class) {
            @Override
            public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                if (Double.isFinite(value)) {
                    gen.writeNumber(value);
                } else {
                    gen.writeNull();
                }
            }
        };
        StdDeserializer<Double> reader = new StdDeserializer<>(Double.class) {
            @Override
            public Double deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                return p.currentToken() == JsonToken.VALUE_STRING ? Double.valueOf(p.getText()) : p.getDoubleValue();
            }

            @Override
            public Double getNullValue(DeserializationContext ctx) {
                return Double.NaN;
            }
        };
        SimpleModule m = new SimpleModule("sgeo-non-finite");
        m.addSerializer(Double.class, writer);
        m.addSerializer(Double.TYPE, writer);
        m.addDeserializer(Double.TYPE, reader);
        return m;
    }

    private static JsonNode snakeKeys(JsonNode node) {
        if (node instanceof ObjectNode o) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
            o.fields().forEachRemaining(fields::add);
            o.removeAll();
            for (Map.Entry<String, JsonNode> f : fields) {
                String key = snake(f.getKey());
                if (!o.has(key)) {
                    o.set(key, snakeKeys(f.getValue()));
                }
            }
        } else if (node != null && node.isArray()) {
            node.forEach(Json::snakeKeys);
        }
        return node;
    }

    /** " line L, column C" (1-based) where a JSON or YAML parser stopped, or "" when it does not know. */
    public static String where(JacksonException e) {
        JsonLocation at = e.getLocation();
        return at == null || at.getLineNr() < 1 ? "" : " line " + at.getLineNr() + ", column " + at.getColumnNr();
    }
}
