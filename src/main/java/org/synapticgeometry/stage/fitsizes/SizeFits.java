package org.synapticgeometry.stage.fitsizes;

import org.synapticgeometry.synapse.Candidate;
import org.synapticgeometry.synapse.PairedIdentification;
import org.synapticgeometry.synapse.RankedCandidate;
import org.synapticgeometry.synapse.SizeComparison;
import org.synapticgeometry.synapse.SizeFigures;
import org.synapticgeometry.synapse.SizeFitter;
import org.synapticgeometry.synapse.SizeReport;
import org.synapticgeometry.synapse.SizeTable;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.synapticgeometry.geometry.Potential;
import org.synapticgeometry.tracking.TrackedRun;

/**
 * One invocation's work for {@link SizeFits}: reads the size tables, fits or scores every candidate
 * geometry, writes tables and figures into the output folder and logs per-candidate
 * log-likelihood/AIC/BIC and the output files to the run.
 */
final class SizeFits {
    /** Fewest sizes per sample that a fit accepts (a two-state model has 4–6 parameters). */
    static final int MIN_SIZES = 50;
    /** Fewest distinct sizes per sample: fewer cannot describe a continuous distribution. */
    static final int MIN_DISTINCT = 10;

    private final FitSizesOptions config;
    private final PrintWriter progress;

    SizeFits(FitSizesOptions config, PrintWriter progress) {
        this.config = config;
        this.progress = progress;
    }

    /**
     * Fits or scores every group and writes the outputs.
     *
     * @return summary lines for the terminal (best candidate per group, files written)
     * @throws IllegalArgumentException for bad input (missing file or column, malformed CSV, a size ≤ 0,
     *     too few sizes)
     */
    List<String> run(TrackedRun run) {
        return config.mode() == FitSizesOptions.Mode.PAIRED ? paired(run) : fits(run);
    }

    private List<String> fits(TrackedRun run) {
        Map<String, List<double[]>> groups = new LinkedHashMap<>();
        SizeTable table = SizeTable.read(config.sizes(), "--sizes", config.column(), config.groupColumn());
        run.recordInput(config.sizes());
        List<String> sampleNames;
        if (config.mode() == FitSizesOptions.Mode.UNPAIRED) {
            SizeTable after = SizeTable.read(config.after(), "--after", table.column(), null);
            run.recordInput(config.after());
            groups.put(SizeTable.ALL, List.of(table.groups().get(SizeTable.ALL), after.groups().get(SizeTable.ALL)));
            sampleNames = List.of("before", "after");
        } else {
            table.groups().forEach((g, s) -> groups.put(g, List.of(s)));
            sampleNames = List.of("sizes");
        }
        groups.forEach((g, samples) -> {
            for (int s = 0; s < samples.size(); s++) {
                requireEnough(samples.get(s), g, sampleNames.get(s), table.column());
            }
        });
        SizeComparison comparison = SizeComparison.of(SizeFitter.of(config.states(), config.starts()),
                config.effectiveCandidates(), config.bootstrap(), config.seed());
        List<SizeComparison.Result> results = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (Map.Entry<String, List<double[]>> e : groups.entrySet()) {
            SizeComparison.Result r = comparison.compare(e.getKey(), e.getValue(), progress);
            results.add(r);
            logMetrics(run, r, groups.size() > 1);
            files.addAll(figures(r, e.getValue(), sampleNames, groups.size() > 1, table.column()));
        }
        Map<String, Object> inputs = new LinkedHashMap<>(config.params());
        inputs.put("size_column", table.column());
        inputs.put("missing_values_skipped", table.missing());
        files.addAll(SizeReport.writeFits(config.out(), inputs, results, config.bootstrap() > 0));
        files.forEach(f -> run.logArtifact(f, ""));
        List<String> summary = new ArrayList<>();
        for (SizeComparison.Result r : results) {
            summary.add(summaryLine(r));
        }
        summary.add("wrote " + config.out().resolve(SizeReport.RANKING_MD));
        return summary;
    }

    private List<String> paired(TrackedRun run) {
        List<double[]> pair = SizeTable.readPaired(config.sizes(), "--sizes", config.column(), config.afterColumn());
        run.recordInput(config.sizes());
        requireEnough(pair.get(0), SizeTable.ALL, "pairs", config.column() + "," + config.afterColumn());
        List<Potential> potentials = config.effectiveCandidates().stream().map(Candidate::fixedPotential).toList();
        List<PairedIdentification.Score> scores = PairedIdentification.score(potentials, pair.get(0), pair.get(1));
        for (PairedIdentification.Score s : scores) {
            run.logMetric(metricKey(s.candidate(), "delta_cdf"), s.deltaCdf(), 0);
        }
        List<Path> files = SizeReport.writePaired(config.out(), new LinkedHashMap<>(config.params()), scores);
        files.forEach(f -> run.logArtifact(f, ""));
        return List.of(String.format(Locale.ROOT, "paired sizes: identified %s (ΔCDF %.4f, floor %.4f)",
                scores.get(0).candidate(), scores.get(0).deltaCdf(), scores.get(0).floor()),
                "wrote " + config.out().resolve(SizeReport.IDENTIFICATION_MD));
    }

    /** At least {@link #MIN_SIZES} sizes and {@link #MIN_DISTINCT} distinct values (a distribution, not a few points). */
    private static void requireEnough(double[] sizes, String group, String sample, String column) {
        String where = sample + " in column '" + column + "'"
                + (SizeTable.ALL.equals(group) ? "" : " of group '" + group + "'");
        if (sizes.length < MIN_SIZES) {
            throw new IllegalArgumentException("too few sizes: " + where + " has " + sizes.length
                    + " values; fit-sizes needs at least " + MIN_SIZES + " per sample");
        }
        long distinct = Arrays.stream(sizes).distinct().count();
        if (distinct < MIN_DISTINCT) {
            throw new IllegalArgumentException("too few distinct sizes: " + where + " has " + distinct
                    + " distinct values; fit-sizes needs at least " + MIN_DISTINCT + " (are the sizes rounded"
                    + " to a coarse unit?)");
        }
    }

    private List<Path> figures(SizeComparison.Result r, List<double[]> samples, List<String> sampleNames,
            boolean grouped, String column) {
        List<Path> files = new ArrayList<>();
        for (int s = 0; s < samples.size(); s++) {
            int index = s;
            List<SizeFigures.Curve> curves = r.ranking().stream().map(c -> new SizeFigures.Curve(
                    c.fit().candidate() + String.format(Locale.ROOT, " (ΔBIC %.1f)", c.deltaBic()),
                    c.fit().mixtures().get(index))).toList();
            String name = "sizes" + (grouped ? "-" + fileSafe(r.group()) : "")
                    + (samples.size() > 1 ? "-" + sampleNames.get(s) : "");
            String title = "Synapse sizes" + (grouped ? ", group " + r.group() : "")
                    + (samples.size() > 1 ? ", " + sampleNames.get(s) : "") + ": fitted change models";
            SizeFigures.write(config.out().resolve(name), title, column, samples.get(s), curves);
            files.add(config.out().resolve(name + ".png"));
            files.add(config.out().resolve(name + ".svg"));
        }
        return files;
    }

    private static void logMetrics(TrackedRun run, SizeComparison.Result r, boolean grouped) {
        for (RankedCandidate c : r.ranking()) {
            String prefix = (grouped ? r.group() + "." : "") + c.fit().candidate();
            run.logMetric(metricKey(prefix, "log_likelihood"), c.fit().logLikelihood(), 0);
            run.logMetric(metricKey(prefix, "aic"), c.fit().aic(), 0);
            run.logMetric(metricKey(prefix, "bic"), c.fit().bic(), 0);
            run.logMetric(metricKey(prefix, "delta_bic"), c.deltaBic(), 0);
            run.logMetric(metricKey(prefix, "ks"), c.fit().maxKs(), 0);
            run.logMetric(metricKey(prefix, "negative_mass"), c.fit().maxNegativeMass(), 0);
        }
    }

    /** An MLflow-safe metric key: letters, digits, _ - . / and space only. */
    static String metricKey(String prefix, String name) {
        return ("fit." + prefix + "." + name).replaceAll("[^A-Za-z0-9_\\-./ ]", "_");
    }

    private static String fileSafe(String label) {
        return label.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    private static String summaryLine(SizeComparison.Result r) {
        StringBuilder sb = new StringBuilder("group " + r.group() + ": best " + r.best().fit().candidate());
        r.ranking().stream().skip(1).forEach(c -> sb.append(String.format(Locale.ROOT, "; %s ΔBIC %.1f (%s)",
                c.fit().candidate(), c.deltaBic(), c.verdict())));
        return sb.toString();
    }
}
