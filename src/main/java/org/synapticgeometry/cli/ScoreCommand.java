package org.synapticgeometry.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code sgeo score}: Scores weight changes in every candidate geometry and identifies the one that produced them. */
@Command(name = "score", mixinStandardHelpOptions = true, description = "Scores weight changes in every candidate geometry and identifies the one that produced them.")
public final class ScoreCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new IllegalStateException("sgeo score is not implemented yet");
    }
}
