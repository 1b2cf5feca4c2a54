package org.synapticgeometry.stage.fitsizes;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.synapticgeometry.stage.Stage;
import org.synapticgeometry.stage.StageContext;

/**
 * The {@code fit-sizes} stage (paper Sec. 4.4): fits each geometry's change model to measured synapse
 * sizes (one sample, unpaired before/after samples) or scores paired sizes by their dual change, ranks
 * the geometries and writes tables and figures.
 */
public final class FitSizesStage implements Stage<FitSizesOptions, List<String>> {
    /** Stage name in tracking. */
    public static final String STAGE = "fit-sizes";

    @Override
    public String name() {
        return STAGE;
    }

    /** The mode (single, unpaired or paired). */
    @Override
    public Map<String, String> tags(FitSizesOptions options) {
        return Map.of("mode", options.mode().name().toLowerCase(Locale.ROOT));
    }

    /**
     * Fits or scores every group and writes the outputs.
     *
     * @return summary lines for the terminal (best candidate per group, files written)
     */
    @Override
    public List<String> execute(FitSizesOptions options, StageContext context) {
        return new SizeFits(options, context.log()).run(context.run());
    }
}
