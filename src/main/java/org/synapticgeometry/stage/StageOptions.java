package org.synapticgeometry.stage;

import java.nio.file.Path;
import java.util.Map;

/**
 * What every stage's options record provides to {@link Stages#run}: the folder it writes into and the
 * options as tracking parameters. Implementations are immutable records named {@code XOptions}, checked
 * in their constructor (bad values throw {@link IllegalArgumentException} naming the option and the fix).
 */
public interface StageOptions {

    /** The folder the stage writes its outputs (and {@code run.json}) into; created if missing. */
    Path out();

    /** Every option as a tracking parameter, keyed by its snake_case name. */
    Map<String, String> params();

    /** Tags of the stage's run known from the options alone (e.g. potential, seed); none by default. */
    default Map<String, String> tags() {
        return Map.of();
    }
}
