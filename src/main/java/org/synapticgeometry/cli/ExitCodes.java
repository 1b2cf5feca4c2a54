package org.synapticgeometry.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Exit codes of every {@code sgeo} command. */
public final class ExitCodes {
    /** Success. */
    public static final int OK = 0;
    /** A stage failed while running (training error, I/O failure after start). */
    public static final int FAILURE = 1;
    /** Invalid usage or input: one line on stderr names the option, file or field and the fix. */
    public static final int USAGE = 2;

    /** The list every {@code --help} ends with (picocli's exit-code section). */
    static final Map<String, String> DESCRIPTIONS = descriptions();

    private ExitCodes() {
    }

    private static Map<String, String> descriptions() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(OK + "", "success: every output written");
        m.put(FAILURE + "", "a stage failed while running (e.g. every learning rate diverged, a workflow task failed);"
                + " the last stderr line says why");
        m.put(USAGE + "", "bad usage or input: one stderr line names the option, file or field and the fix;"
                + " outputs already computed are kept");
        return Collections.unmodifiableMap(m);
    }
}
