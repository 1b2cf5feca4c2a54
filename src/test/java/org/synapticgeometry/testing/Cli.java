package org.synapticgeometry.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.synapticgeometry.cli.Sgeo;

/** Runs {@code sgeo} in-process and captures its exit code, stdout and stderr. */
public record Cli(int code, String out, String err) {

    /** Runs the command line. */
    public static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Sgeo.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Cli(code, out.toString(), err.toString());
    }

    /** The last line of stderr (where a stage's one-line error goes). */
    public String lastErrorLine() {
        String[] lines = err.strip().split("\n");
        return lines[lines.length - 1];
    }
}
