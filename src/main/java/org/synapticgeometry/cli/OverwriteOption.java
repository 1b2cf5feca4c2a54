package org.synapticgeometry.cli;

import picocli.CommandLine.Option;

/** {@code --overwrite}, shared by every stage command whose {@code --out} is a folder of its own. */
public final class OverwriteOption {
    @Option(names = "--overwrite",
            description = "Replace the outputs of an earlier run found in --out (without it such a folder is refused).")
    private boolean overwrite;

    /** Whether the user asked to replace an earlier run's outputs. */
    public boolean value() {
        return overwrite;
    }
}
