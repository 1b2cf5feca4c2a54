package org.synapticgeometry.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.synapticgeometry.geometry.Potential;
import org.synapticgeometry.geometry.Potentials;
import org.synapticgeometry.snapshot.LayerSelection;
import org.synapticgeometry.stage.score.ScoreOptions;
import org.synapticgeometry.files.Manifest;
import org.synapticgeometry.stage.Stages;
import org.synapticgeometry.stage.score.ScoreStage;
import org.synapticgeometry.stats.Bootstrap;
import org.synapticgeometry.stats.ParameterScan;
import org.synapticgeometry.stats.Scopes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sgeo score}: Scores weight changes in every candidate geometry and identifies the one that produced them. */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Scores weight changes in every candidate geometry and identifies the one that produced them.")
public final class ScoreCommand implements Callable<Integer> {
    @Mixin
    private OverwriteOption overwrite;

    @Spec
    private CommandSpec spec;

    @Option(names = "--manifest", paramLabel = "FILE.csv",
            description = "Runs to score; header " + Manifest.HEADER + ", paths relative to the manifest.")
    private Path manifest;

    @Option(names = "--pair", paramLabel = "INIT,FINAL",
            description = "A snapshot pair (.npz/.npy), or one measurement .csv; repeatable; instead of --manifest.")
    private List<String> pairs;

    @Mixin
    private SharedOptions.OutputFolder out;

    @Option(names = "--candidates", paramLabel = "LIST",
            description = "Comma-separated candidate potentials (default: the paper's five:"
                    + " negative_entropy,1.5-norm,2-norm,2.5-norm,3-norm).")
    private String candidates;

    @Option(names = "--scan-p", paramLabel = "LO:HI:COUNT", defaultValue = "1.1:3.0:20",
            description = "p-norm scan for p-hat: COUNT evenly spaced p from LO to HI, or 'none' (default:"
                    + " ${DEFAULT-VALUE}, i.e. 1.1, 1.2, ..., 3.0).")
    private String scanP;

    @Option(names = "--scan-beta", paramLabel = "LO:HI:COUNT", defaultValue = "1e-5:10:19",
            description = "Hypentropy scan for beta-hat: COUNT log-spaced beta from LO to HI, or 'none' (default:"
                    + " ${DEFAULT-VALUE}).")
    private String scanBeta;

    @Option(names = "--scopes", paramLabel = "LIST", defaultValue = "pooled,standardized,layers",
            description = "Scopes: pooled, standardized, layers (default: ${DEFAULT-VALUE}).")
    private String scopes;

    @Option(names = "--bootstrap", paramLabel = "B", defaultValue = "50",
            description = "Bootstrap replicates for confidence and the p-hat interval; 0 disables (default: ${DEFAULT-VALUE}).")
    private int bootstrap;

    @Option(names = "--bootstrap-size", paramLabel = "M", defaultValue = "2000",
            description = "Weights drawn per replicate (m-out-of-n; default: ${DEFAULT-VALUE}).")
    private int bootstrapSize;

    @Mixin
    private SharedOptions.Seed seed;

    @Option(names = "--layers", paramLabel = "REGEX", description = "Score only layers whose whole name matches.")
    private String layers;

    @Option(names = "--exclude-layers", paramLabel = "REGEX", description = "Do not score layers whose name matches.")
    private String excludeLayers;

    @Option(names = "--exclude-nonfinite",
            description = "Exclude NaN/infinite weights (counted in 'excluded') instead of refusing the run.")
    private boolean excludeNonFinite;

    @Option(names = "--exclude-unchanged",
            description = {"Score only weights whose final value differs from the initial one (bit for bit): weights",
                    "never updated (zero input pixels, dead units) add an atom at 0 to every dual change. Counted per",
                    "run as unchanged_excluded in scores.json; every statistic, readouts included, then describes the",
                    "changed weights."})
    private boolean excludeUnchanged;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Stages.run(new ScoreStage(), options(), err, overwrite.value());
        spec.commandLine().getOut().println("sgeo score: wrote " + out.dir.resolve("scores.csv") + ", scores.json,"
                + " identification.json");
        return ExitCodes.OK;
    }

    private ScoreOptions options() {
        if ((manifest == null) == (pairs == null || pairs.isEmpty())) {
            throw new IllegalArgumentException("give either --manifest FILE.csv or one or more --pair INIT,FINAL");
        }
        List<Manifest.Entry> runs = manifest != null ? Manifest.read(manifest) : Manifest.fromPairs(pairs);
        List<Potential> cands = candidates == null ? Potentials.paperCandidates() : parseCandidates(candidates);
        List<Double> ps = "none".equalsIgnoreCase(scanP) ? List.of() : pGrid();
        if (ps.stream().anyMatch(p -> p <= 1.0)) {
            throw new IllegalArgumentException("--scan-p values must be > 1 (p-norms need p > 1), found '" + scanP + "'");
        }
        List<Double> betas = "none".equalsIgnoreCase(scanBeta) ? List.of()
                : ParameterScan.logarithmic("--scan-beta", scanBeta);
        return new ScoreOptions(manifest, runs, out.dir, cands, ps, betas, Scopes.parse(scopes),
                new Bootstrap(bootstrap, bootstrapSize, seed.value), LayerSelection.of(layers, excludeLayers), excludeNonFinite,
                excludeUnchanged);
    }

    /** The p grid; the older LO:HI:STEP form (a third field that is not a whole number) still works, with a warning. */
    private List<Double> pGrid() {
        String[] fields = scanP.split(":");
        if (fields.length != 3 || fields[2].strip().matches("\\d+")) {
            return ParameterScan.linear("--scan-p", scanP);
        }
        List<Double> grid = ParameterScan.linearByStep("--scan-p", scanP);
        SharedOptions.Renamed.warn(spec, "--scan-p LO:HI:STEP", "--scan-p LO:HI:COUNT, here " + fields[0].strip() + ":"
                + fields[1].strip() + ":" + grid.size());
        return grid;
    }

    private static List<Potential> parseCandidates(String text) {
        List<Potential> list;
        try {
            list = Potentials.parseList(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--candidates: " + e.getMessage(), e);
        }
        Set<String> seen = new HashSet<>();
        for (Potential p : list) {
            if (!seen.add(p.name())) {
                throw new IllegalArgumentException("--candidates lists " + p.name() + " twice; name each potential once");
            }
        }
        return list;
    }
}
