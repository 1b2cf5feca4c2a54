package org.synapticgeometry.cli;

/** Exit codes of every {@code sgeo} command. */
public final class ExitCodes {
    /** Success. */
    public static final int OK = 0;
    /** A stage failed while running (training error, I/O failure after start). */
    public static final int FAILURE = 1;
    /** Invalid usage or input: one line on stderr names the option, file or field and the fix. */
    public static final int USAGE = 2;

    private ExitCodes() {
    }
}
