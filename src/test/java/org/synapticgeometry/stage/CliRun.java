package org.synapticgeometry.stage;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.synapticgeometry.cli.Sgeo;

/** One in-process run of the {@code sgeo} CLI with captured output, for stage tests. */
record CliRun(int exitCode, String out, String err) {

    /** Runs {@code sgeo args...} in this JVM. */
    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Sgeo.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** The last line of stderr (where the one-line error goes). */
    String lastErrorLine() {
        String[] lines = err.strip().split("\n");
        return lines[lines.length - 1];
    }
}
