package org.synapticgeometry.stage.linreg;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import org.synapticgeometry.files.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.synapticgeometry.geometry.Potential;
import org.synapticgeometry.geometry.Potentials;

/**
 * Parameters of the linear-regression experiment, read strictly from YAML: every key is required,
 * unknown keys and wrong types are rejected, and sizes are range-checked, each with a message
 * naming the field and the fix.
 *
 * @param seed root seed; every data set, initialisation and search slice derives from it
 * @param seeds runs per (trained potential, k, power, d)
 * @param trainedPotentials potentials to train with
 * @param candidates candidate potentials every run is scored in
 * @param dims input dimensions D
 * @param k exponents of N = int(D^k)
 * @param power exponents of the correlation decay
 * @param correlationScale scale of the correlation c(k) = (−1)^k / (1 + |k/scale|^power)
 * @param inputNoise half-width of the uniform noise added to every input entry
 * @param momentum optimizer momentum
 * @param lrMin smallest learning rate of the log grid
 * @param lrMax largest learning rate of the log grid
 * @param lrCount number of grid points
 * @param steps full-batch steps (cosine schedule over them) of the first search attempt
 * @param extraSteps steps added at each further attempt
 * @param maxAttempts searches in all
 * @param targetLoss the search succeeds when the best final loss is below this
 */
public record LinregParams(
        @JsonProperty(value = "seed", required = true) long seed,
        @JsonProperty(value = "seeds", required = true) int seeds,
        @JsonProperty(value = "trained_potentials", required = true) List<String> trainedPotentials,
        @JsonProperty(value = "candidates", required = true) List<String> candidates,
        @JsonProperty(value = "dims", required = true) List<Integer> dims,
        @JsonProperty(value = "k", required = true) List<Double> k,
        @JsonProperty(value = "power", required = true) List<Double> power,
        @JsonProperty(value = "correlation_scale", required = true) double correlationScale,
        @JsonProperty(value = "input_noise", required = true) double inputNoise,
        @JsonProperty(value = "momentum", required = true) double momentum,
        @JsonProperty(value = "lr_min", required = true) double lrMin,
        @JsonProperty(value = "lr_max", required = true) double lrMax,
        @JsonProperty(value = "lr_count", required = true) int lrCount,
        @JsonProperty(value = "steps", required = true) int steps,
        @JsonProperty(value = "extra_steps", required = true) int extraSteps,
        @JsonProperty(value = "max_attempts", required = true) int maxAttempts,
        @JsonProperty(value = "target_loss", required = true) double targetLoss) {

    /** Largest D accepted. */
    public static final int MAX_DIM = 100_000;
    /** Largest N·D (input floats, 1 GiB) accepted. */
    public static final long MAX_INPUT_VALUES = 1L << 28;

    /** Copies the lists. */
    public LinregParams {
        trainedPotentials = List.copyOf(trainedPotentials);
        candidates = List.copyOf(candidates);
        dims = List.copyOf(dims);
        k = List.copyOf(k);
        power = List.copyOf(power);
    }

    /**
     * Reads and validates a parameter file.
     *
     * @throws IllegalArgumentException naming the file, the field and the fix for a missing or
     *     unknown key, a wrong type or a value out of range
     */
    public static LinregParams read(Path file) {
        LinregParams p;
        try {
            byte[] content = Files.readAllBytes(file);
            if (new String(content, StandardCharsets.UTF_8).isBlank()) {
                throw new IllegalArgumentException("params file " + file + " is empty; see params/linreg-smoke.yaml");
            }
            p = mapper().readValue(content, LinregParams.class);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("params file " + file + Json.where(e) + ": " + describe(e));
        } catch (IOException e) {
            throw new IllegalArgumentException("--params " + file + " cannot be read (" + e.getMessage()
                    + "); give an existing YAML file");
        }
        if (p == null) {
            throw new IllegalArgumentException("params file " + file + " is empty; see params/linreg-smoke.yaml");
        }
        try {
            p.validate();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("params file " + file + ": " + e.getMessage(), e);
        }
        return p;
    }

    /** The trained potentials, parsed. */
    public List<Potential> trained() {
        return trainedPotentials.stream().map(Potentials::parse).toList();
    }

    /** The candidate potentials, parsed. */
    public List<Potential> candidatePotentials() {
        return candidates.stream().map(Potentials::parse).toList();
    }

    /** N = int(D^k), as the paper's code computes it. */
    public static int sampleCount(int d, double k) {
        return (int) Math.pow(d, k);
    }

    /** Every parameter as text, for tracking. */
    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("seed", Long.toString(seed));
        m.put("seeds", Integer.toString(seeds));
        m.put("trained_potentials", String.join(",", trainedPotentials));
        m.put("candidates", String.join(",", candidates));
        m.put("dims", dims.stream().map(String::valueOf).collect(Collectors.joining(",")));
        m.put("k", k.stream().map(String::valueOf).collect(Collectors.joining(",")));
        m.put("power", power.stream().map(String::valueOf).collect(Collectors.joining(",")));
        m.put("correlation_scale", Double.toString(correlationScale));
        m.put("input_noise", Double.toString(inputNoise));
        m.put("momentum", Double.toString(momentum));
        m.put("lr_grid", lrMin + ".." + lrMax + " x" + lrCount);
        m.put("steps", Integer.toString(steps));
        m.put("extra_steps", Integer.toString(extraSteps));
        m.put("max_attempts", Integer.toString(maxAttempts));
        m.put("target_loss", Double.toString(targetLoss));
        return m;
    }

    private void validate() {
        check(seeds >= 1 && seeds <= 1000, "seeds", "an integer in [1, 1000]", seeds);
        check(!trainedPotentials.isEmpty(), "trained_potentials", "a non-empty list of potential names", "[]");
        check(!candidates.isEmpty(), "candidates", "a non-empty list of potential names", "[]");
        parseAll("trained_potentials", trainedPotentials);
        parseAll("candidates", candidates);
        check(!dims.isEmpty(), "dims", "a non-empty list of integers in [10, " + MAX_DIM + "]", "[]");
        check(!k.isEmpty(), "k", "a non-empty list of numbers in (0, 1]", "[]");
        check(!power.isEmpty(), "power", "a non-empty list of numbers > 0", "[]");
        for (int i = 0; i < dims.size(); i++) {
            check(dims.get(i) != null && dims.get(i) >= 10 && dims.get(i) <= MAX_DIM, "dims[" + i + "]",
                    "an integer in [10, " + MAX_DIM + "]", dims.get(i));
        }
        for (int i = 0; i < k.size(); i++) {
            check(k.get(i) != null && k.get(i) > 0 && k.get(i) <= 1, "k[" + i + "]", "in (0, 1]", k.get(i));
        }
        for (int i = 0; i < power.size(); i++) {
            check(power.get(i) != null && power.get(i) > 0 && power.get(i) <= 100, "power[" + i + "]", "in (0, 100]",
                    power.get(i));
        }
        checkSampleCounts();
        check(correlationScale > 0 && correlationScale < 1e6, "correlation_scale", "in (0, 1e6)", correlationScale);
        check(inputNoise >= 0 && inputNoise < 1e6, "input_noise", "in [0, 1e6)", inputNoise);
        check(momentum >= 0 && momentum < 1, "momentum", "in [0, 1)", momentum);
        check(lrMin > 0 && lrMin <= lrMax && lrMax < 1e6, "lr_min/lr_max", "0 < lr_min <= lr_max < 1e6",
                lrMin + "/" + lrMax);
        check(lrCount >= 1 && lrCount <= 1000 && (lrCount > 1 || lrMin == lrMax), "lr_count",
                "an integer in [1, 1000] (1 only when lr_min = lr_max)", lrCount);
        check(steps >= 1 && steps <= 1_000_000, "steps", "an integer in [1, 1000000]", steps);
        check(extraSteps >= 0 && extraSteps <= 1_000_000, "extra_steps", "an integer in [0, 1000000]", extraSteps);
        check(maxAttempts >= 1 && maxAttempts <= 20, "max_attempts", "an integer in [1, 20]", maxAttempts);
        check(targetLoss > 0 && Double.isFinite(targetLoss), "target_loss", "a finite number > 0", targetLoss);
    }

    private void checkSampleCounts() {
        for (int d : dims) {
            for (double kk : k) {
                int n = sampleCount(d, kk);
                check(n >= 2, "k", "large enough that N = int(D^k) >= 2 for every D (D = " + d + ", k = " + kk
                        + " gives N = " + n + ")", kk);
                check((long) n * d <= MAX_INPUT_VALUES, "dims", "small enough that N·D <= " + MAX_INPUT_VALUES
                        + " (D = " + d + ", k = " + kk + " gives " + (long) n * d + ")", d);
            }
        }
    }

    private static void parseAll(String field, List<String> names) {
        for (int i = 0; i < names.size(); i++) {
            try {
                Potentials.parse(names.get(i));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(field + "[" + i + "]: " + e.getMessage());
            }
        }
    }

    private static void check(boolean ok, String field, String constraint, Object found) {
        if (!ok) {
            throw new IllegalArgumentException(field + " must be " + constraint + ", found " + found);
        }
    }

    private static ObjectMapper mapper() {
        ObjectMapper m = JsonMapper.builder(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        m.coercionConfigDefaults().setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        return m;
    }

    /** One line naming the field and the fix, from a Jackson error. */
    static String describe(JacksonException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            return "unknown key '" + u.getPropertyName() + "' (known keys: " + String.join(", ", knownKeys())
                    + "); fix its spelling or remove it";
        }
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            String field = fieldPath(m);
            String message = e.getOriginalMessage();
            if (message.startsWith("Missing required creator property")) {
                return "missing key '" + field + "'; add it (see params/linreg-smoke.yaml for every key)";
            }
            String found = foundText(e);
            String type = e instanceof MismatchedInputException mi && mi.getTargetType() != null
                    ? typeName(mi.getTargetType()) : "another type";
            return "field '" + field + "' has the wrong type" + found + ": it must be " + type;
        }
        return "not valid YAML (" + e.getOriginalMessage().lines().findFirst().orElse("") + "); fix the syntax";
    }

    /** The offending value as " 'text'", or "" when the parser cannot tell. */
    private static String foundText(JacksonException e) {
        if (e instanceof InvalidFormatException f) {
            return " '" + f.getValue() + "'";
        }
        try {
            return e.getProcessor() instanceof JsonParser p && p.getText() != null ? " '" + p.getText() + "'" : "";
        } catch (IOException ignored) {
            return "";
        }
    }

    private static String fieldPath(JsonMappingException m) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : m.getPath()) {
            if (r.getFieldName() != null) {
                b.append(b.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.toString();
    }

    private static String typeName(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "an integer";
        }
        if (type == double.class || type == Double.class) {
            return "a number";
        }
        if (type == String.class) {
            return "a text";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        return type.getSimpleName();
    }

    private static List<String> knownKeys() {
        return java.util.Arrays.stream(LinregParams.class.getRecordComponents())
                .map(c -> c.getAccessor().getAnnotation(JsonProperty.class).value()).toList();
    }
}
