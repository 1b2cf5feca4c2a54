package org.synapticgeometry.tracking;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.synapticgeometry.files.AtomicFiles;

/**
 * Reads and writes MLflow's {@code meta.yaml} files. Written by hand in MLflow's own shape: keys
 * sorted, numbers plain, strings single-quoted (so ids like {@code '123'} stay strings), null as
 * {@code null}; atomically, so a reading server never sees half a file.
 */
final class MetaYaml {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private MetaYaml() {
    }

    static Map<String, Object> read(Path file) {
        try {
            Map<String, Object> m = YAML.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, Object>>() {
            });
            if (m == null) {
                throw new UncheckedIOException(new IOException("empty " + file));
            }
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static void write(Path file, Map<String, Object> meta) {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(meta).forEach((k, v) -> {
            if (v instanceof Map<?, ?> m) {
                sb.append(k).append(m.isEmpty() ? ": {}\n" : ":\n");
                new TreeMap<>(m).forEach((mk, mv) -> sb.append("  ").append(scalar("", mk)).append(": ")
                        .append(scalar("", mv)).append('\n'));
            } else {
                sb.append(k).append(": ").append(scalar(k, v)).append('\n');
            }
        });
        AtomicFiles.writeString(file, sb.toString());
    }

    private static String scalar(String key, Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Number && !key.endsWith("_id")) {
            return v.toString();
        }
        if (key.equals("lifecycle_stage")) {
            return v.toString();
        }
        return "'" + v.toString().replaceAll("[\\x00-\\x1f]", " ").replace("'", "''") + "'";
    }
}
