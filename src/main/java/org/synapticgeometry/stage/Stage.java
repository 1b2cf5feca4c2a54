package org.synapticgeometry.stage;

import java.util.Map;

/**
 * One stage program (a {@code sgeo} subcommand and a Nextflow task): it checks its inputs, then does its
 * work inside the tracked run that {@link Stages#run} starts and ends for it. A stage writes every output
 * atomically into {@link StageOptions#out()} and records it through {@link StageContext#output}.
 *
 * @param <O> its options record
 * @param <R> what it returns to its command (e.g. a summary to print)
 */
public interface Stage<O extends StageOptions, R> {

    /** The stage's name: its subcommand, the tracking tag {@code stage} and the default experiment suffix. */
    String name();

    /**
     * Checks the inputs before a tracked run starts (files exist and parse); nothing by default.
     *
     * @throws IllegalArgumentException naming the input and the fix
     */
    default void checkInputs(O options) {
    }

    /**
     * Whether the run owns its whole output folder, so that a folder holding another run's outputs is refused
     * (or cleared with {@code --overwrite}); true but for a stage whose folder may hold other runs' files.
     */
    default boolean ownsOutputFolder() {
        return true;
    }

    /** Tags of the run, possibly read from the inputs (e.g. the architecture in model.json); by default the options'. */
    default Map<String, String> tags(O options) {
        return options.tags();
    }

    /**
     * Does the stage's work.
     *
     * @throws IllegalArgumentException for bad input found while running (exit code 2)
     * @throws RuntimeException for a failure of the stage itself (exit code 1)
     */
    R execute(O options, StageContext context);
}
