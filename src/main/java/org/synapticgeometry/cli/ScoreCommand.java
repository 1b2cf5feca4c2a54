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
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sgeo score}: Scores weight changes in every candidate geometry and identifies the one that produced them. */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Scores weight changes in every candidate geometry and identifies the one that produced them.")
public final class ScoreCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--manifest", paramLabel = "FILE.csv",
            description = "Runs to score; header " + Manifest.HEADER + ", paths relative to the manifest.")
    private Path manifest;

    @Option(names = "--pair", paramLabel = "INIT,FINAL",
            description = "A snapshot pair (.npz/.npy), or one measurement .csv; repeatable; instead of --manifest.")
    private List<String> pairs;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    private Path out;

    @Option(names = "--candidates", paramLabel = "LIST",
            description = "Comma-separated candidate potentials (default: the paper's five:"
                    + " negative_entropy,1.5-norm,2-norm,2.5-norm,3-norm).")
    private String candidates;

    @Option(names = "--scan-p", paramLabel = "LO:HI:STEP", defaultValue = "1.1:3.0:0.1",
            description = "p-norm scan for p-hat, or 'none' (default: ${DEFAULT-VALUE}).")
    private String scanP;

    @Option(names = "--scan-beta", paramLabel = "LO:HI:COUNT", defaultValue = "1e-5:10:19",
            description = "Log-spaced hypentropy scan for beta-hat, or 'none' (default: ${DEFAULT-VALUE}).")
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

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the bootstrap (default: ${DEFAULT-VALUE}).")
    private long seed;

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
        Stages.run(new ScoreStage(), options(), err);
        spec.commandLine().getOut().println("sgeo score: wrote " + out.resolve("scores.csv") + ", scores.json,"
                + " identification.json");
        return ExitCodes.OK;
    }

    private ScoreOptions options() {
        if ((manifest == null) == (pairs == null || pairs.isEmpty())) {
            throw new IllegalArgumentException("give either --manifest FILE.csv or one or more --pair INIT,FINAL");
        }
        List<Manifest.Entry> runs = manifest != null ? Manifest.read(manifest) : Manifest.fromPairs(pairs);
        List<Potential> cands = candidates == null ? Potentials.paperCandidates() : parseCandidates(candidates);
        List<Double> ps = "none".equalsIgnoreCase(scanP) ? List.of() : ParameterScan.linear("--scan-p", scanP);
        if (ps.stream().anyMatch(p -> p <= 1.0)) {
            throw new IllegalArgumentException("--scan-p values must be > 1 (p-norms need p > 1), found '" + scanP + "'");
        }
        List<Double> betas = "none".equalsIgnoreCase(scanBeta) ? List.of()
                : ParameterScan.logarithmic("--scan-beta", scanBeta);
        return new ScoreOptions(manifest, runs, out, cands, ps, betas, Scopes.parse(scopes),
                new Bootstrap(bootstrap, bootstrapSize, seed), LayerSelection.of(layers, excludeLayers), excludeNonFinite,
                excludeUnchanged);
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
