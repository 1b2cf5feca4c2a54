package org.synapticgeometry.model;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** Versions recorded in model.json: sgeo, DJL, libtorch, Java, OS and CPU architecture. */
public final class SoftwareVersions {
    private SoftwareVersions() {
    }

    /** The versions of this build and machine. */
    public static Map<String, String> current() {
        Properties p = new Properties();
        try (InputStream in = SoftwareVersions.class.getResourceAsStream("/sgeo-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> v = new LinkedHashMap<>();
        v.put("sgeo", p.getProperty("version", "unknown"));
        v.put("djl", Engine.getDjlVersion());
        v.put("libtorch", Engine.getEngine("PyTorch").getVersion());
        v.put("java", System.getProperty("java.version"));
        v.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        v.put("arch", System.getProperty("os.arch"));
        return v;
    }
}
