package org.synapticgeometry.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code sgeo report}: Builds the HTML report with the paper's figures from score folders. */
@Command(name = "report", mixinStandardHelpOptions = true, description = "Builds the HTML report with the paper's figures from score folders.")
public final class ReportCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new IllegalStateException("sgeo report is not implemented yet");
    }
}
