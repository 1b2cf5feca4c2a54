package org.synapticgeometry.stage.linreg;

import java.util.List;
import org.synapticgeometry.stage.Stage;
import org.synapticgeometry.stage.StageContext;

/**
 * The {@code linreg} stage: the paper's linear-regression experiment (Sec. 4.1) from a parameter file,
 * one {@link LinregSweep} over every (k, power, D, seed) and trained potential, scored in every candidate.
 */
public final class LinregStage implements Stage<LinregOptions, List<LinregOutputs.Cell>> {
    /** The stage's name in tracking. */
    public static final String STAGE = "linreg";

    @Override
    public String name() {
        return STAGE;
    }

    /**
     * Runs the sweep and writes {@code linreg.csv}, {@code linreg.json}, {@code manifest.csv} and
     * {@code snapshots/<run_id>/{init,final}.npz} into the output folder.
     *
     * @return the identification table (also in linreg.json)
     */
    @Override
    public List<LinregOutputs.Cell> execute(LinregOptions o, StageContext context) {
        context.input(o.paramsFile());
        LinregOutputs outputs = new LinregOutputs(o.out(), o.experiment());
        List<LinregOutputs.Cell> table = new LinregSweep(o.experiment(), outputs, context.log(), context.run(),
                o.threads()).sweep();
        outputs.logArtifacts(context.run());
        return table;
    }
}
