package org.synapticgeometry.workflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The profile names declared in a workflow's {@code nextflow.config} ({@code profiles { name { ... } }}),
 * read before Nextflow starts so that an unknown {@code -profile} is a usage error with the list of
 * known ones. Comments and strings with braces inside a profile body are not expected there.
 */
public final class NextflowProfiles {
    private static final Pattern BLOCK_START = Pattern.compile("\\bprofiles\\s*\\{");
    private static final Pattern NAME = Pattern.compile("([A-Za-z0-9_]+)\\s*\\{");

    private NextflowProfiles() {
    }

    /** The profiles of {@code config}; empty if the file or the block is absent. */
    public static Set<String> declared(Path config) {
        if (!Files.isRegularFile(config)) {
            return Set.of();
        }
        String text;
        try {
            text = Files.readString(config).replaceAll("(?m)//.*$", "");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + config, e);
        }
        Matcher start = BLOCK_START.matcher(text);
        Set<String> names = new LinkedHashSet<>();
        if (!start.find()) {
            return names;
        }
        int depth = 1;
        for (int i = start.end(); i < text.length() && depth > 0; i++) {
            char c = text.charAt(i);
            if (c == '{') {
                if (depth == 1) {
                    Matcher name = NAME.matcher(text).region(lineStart(text, i), i + 1);
                    if (name.find()) {
                        names.add(name.group(1));
                    }
                }
                depth++;
            } else if (c == '}') {
                depth--;
            }
        }
        return names;
    }

    /**
     * Checks that every requested profile is declared.
     *
     * @throws IllegalArgumentException naming the unknown profile and the known ones
     */
    public static void check(List<String> requested, Path config) {
        Set<String> known = declared(config);
        for (String p : requested) {
            if (!known.contains(p)) {
                throw new IllegalArgumentException("-profile '" + p + "' is not declared in " + config
                        + " (known: " + String.join(", ", known) + ")");
            }
        }
    }

    private static int lineStart(String text, int i) {
        return text.lastIndexOf('\n', i) + 1;
    }
}
