package org.synapticgeometry.stage.linreg;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.synapticgeometry.stage.StageOptions;

/**
 * Settings of one {@code sgeo linreg}: the parameter file, what it says, and the output folder.
 *
 * @param paramsFile the YAML parameter file
 * @param experiment its content
 * @param out the output folder
 * @param threads runs and trials trained side by side (the outputs are the same bytes for any number)
 */
public record LinregOptions(Path paramsFile, LinregParams experiment, Path out, int threads) implements StageOptions {

    /** @throws IllegalArgumentException if threads &lt; 1 */
    public LinregOptions {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, found " + threads);
        }
    }

    /**
     * Reads the parameter file; training uses every core the process may use.
     *
     * @throws IllegalArgumentException when it is not a file or not a valid parameter file
     */
    public static LinregOptions read(Path paramsFile, Path out) {
        if (!Files.isRegularFile(paramsFile)) {
            throw new IllegalArgumentException("--params " + paramsFile + " is not a file; give a YAML parameter file"
                    + " such as params/linreg-smoke.yaml");
        }
        return new LinregOptions(paramsFile, LinregParams.read(paramsFile), out, Runtime.getRuntime().availableProcessors());
    }

    @Override
    public Map<String, String> params() {
        return experiment.asMap();
    }
}
