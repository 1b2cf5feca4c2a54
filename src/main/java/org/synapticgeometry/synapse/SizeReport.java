package org.synapticgeometry.synapse;

import org.synapticgeometry.files.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.synapticgeometry.files.AtomicFiles;

/**
 * Writes the tables of {@code sgeo fit-sizes}: {@code ranking.csv}, {@code ranking.md},
 * {@code parameters.csv} and {@code fit.json} for model fits; {@code identification.csv},
 * {@code identification.md} and {@code fit.json} for paired data. Numbers are written with
 * {@link Locale#ROOT}; NaN is an empty CSV cell and a JSON null. Every file is written atomically.
 */
public final class SizeReport {
    /** File names. */
    public static final String RANKING_CSV = "ranking.csv";
    public static final String RANKING_MD = "ranking.md";
    public static final String PARAMETERS_CSV = "parameters.csv";
    public static final String FIT_JSON = "fit.json";
    public static final String IDENTIFICATION_CSV = "identification.csv";
    public static final String IDENTIFICATION_MD = "identification.md";


    private SizeReport() {
    }

    /** Writes the ranking, parameter and JSON files of model fits; returns the paths written. */
    public static List<Path> writeFits(Path out, Map<String, Object> inputs, List<SizeComparison.Result> results,
            boolean bootstrap) {
        StringBuilder ranking = new StringBuilder("group,rank,candidate,parameters,n,log_likelihood,aic,bic,delta_bic,"
                + "delta_aic,bic_weight,log10_bayes_factor,ks,negative_mass,first_in_bootstrap,verdict\n");
        StringBuilder params = new StringBuilder("group,candidate,parameter,estimate,se,lower95,upper95,interval\n");
        StringBuilder md = new StringBuilder("# Synapse sizes: which geometry explains them?\n\n");
        List<Object> groups = new ArrayList<>();
        for (SizeComparison.Result r : results) {
            for (RankedCandidate c : r.ranking()) {
                CandidateFit f = c.fit();
                ranking.append(csv(r.group(), c.rank(), f.candidate(), f.parameters(), f.n(), f.logLikelihood(),
                        f.aic(), f.bic(), c.deltaBic(), c.deltaAic(), c.bicWeight(), c.log10BayesFactor(), f.maxKs(),
                        f.maxNegativeMass(), r.firstInBootstrap().getOrDefault(f.candidate(), Double.NaN),
                        c.verdict()));
                for (ParameterEstimate e : f.estimates()) {
                    params.append(csv(r.group(), f.candidate(), e.name(), e.estimate(), e.se(), e.lower(), e.upper(),
                            bootstrap ? "bootstrap percentile" : "wald"));
                }
            }
            md.append(markdown(r));
            groups.add(groupJson(r));
        }
        Map<String, Object> json = new LinkedHashMap<>(inputs);
        json.put("intervals", bootstrap ? "bootstrap percentile 95%" : "Wald 95% on the unconstrained scale");
        json.put("groups", groups);
        return List.of(write(out, RANKING_CSV, ranking.toString()), write(out, RANKING_MD, md.toString()),
                write(out, PARAMETERS_CSV, params.toString()), write(out, FIT_JSON, Json.text(json)));
    }

    /** Writes the identification files of paired data; returns the paths written. */
    public static List<Path> writePaired(Path out, Map<String, Object> inputs, List<PairedIdentification.Score> scores) {
        StringBuilder table = new StringBuilder("rank,candidate,n,excluded,delta_cdf,delta_cdf_centered,floor\n");
        StringBuilder md = new StringBuilder("# Paired synapse sizes: identified geometry\n\n"
                + "| rank | candidate | n | excluded | ΔCDF | ΔCDF centred | Gaussian floor |\n"
                + "|---:|---|---:|---:|---:|---:|---:|\n");
        for (PairedIdentification.Score s : scores) {
            table.append(csv(s.rank(), s.candidate(), s.n(), s.excluded(), s.deltaCdf(), s.deltaCdfCentered(),
                    s.floor()));
            md.append(String.format(Locale.ROOT, "| %d | %s | %d | %d | %.4f | %.4f | %.4f |%n", s.rank(),
                    s.candidate(), s.n(), s.excluded(), s.deltaCdf(), s.deltaCdfCentered(), s.floor()));
        }
        md.append("\nIdentified: **").append(scores.get(0).candidate()).append("** (lowest ΔCDF of the dual change;"
                + " a score near the floor is indistinguishable from Gaussian at this n).\n");
        Map<String, Object> json = new LinkedHashMap<>(inputs);
        json.put("identified", scores.get(0).candidate());
        json.put("scores", scores.stream().map(s -> obj("rank", s.rank(), "candidate", s.candidate(), "n", s.n(),
                "excluded", s.excluded(), "delta_cdf", s.deltaCdf(), "delta_cdf_centered", s.deltaCdfCentered(),
                "floor", s.floor())).toList());
        return List.of(write(out, IDENTIFICATION_CSV, table.toString()), write(out, IDENTIFICATION_MD, md.toString()),
                write(out, FIT_JSON, Json.text(json)));
    }

    private static String markdown(SizeComparison.Result r) {
        StringBuilder md = new StringBuilder();
        md.append("## Group ").append(r.group()).append("\n\n")
                .append("| rank | candidate | log L | BIC | ΔBIC | BIC weight | KS | mass on sizes < 0 | verdict |\n")
                .append("|---:|---|---:|---:|---:|---:|---:|---:|---|\n");
        for (RankedCandidate c : r.ranking()) {
            CandidateFit f = c.fit();
            md.append(String.format(Locale.ROOT, "| %d | %s | %.1f | %.1f | %.1f | %.3g | %.4f | %.2g | %s |%n",
                    c.rank(), f.candidate(), f.logLikelihood(), f.bic(), c.deltaBic(), c.bicWeight(), f.maxKs(),
                    f.maxNegativeMass(), c.verdict()));
        }
        md.append("\nBest: **").append(r.best().fit().candidate()).append("**.");
        for (RankedCandidate c : r.ranking().subList(1, r.ranking().size())) {
            md.append(String.format(Locale.ROOT, " %s: %s, ΔBIC = %.1f (Bayes factor about 10^%.1f against)",
                    c.fit().candidate(), c.verdict(), c.deltaBic(), c.log10BayesFactor()));
            if (c.fit().maxNegativeMass() > 1e-3) {
                md.append(String.format(Locale.ROOT, ", puts %.1f%% of its mass on impossible negative sizes",
                        100.0 * c.fit().maxNegativeMass()));
            }
            md.append('.');
        }
        for (RankedCandidate c : r.ranking()) {
            for (String note : c.fit().notes()) {
                md.append("\n\nNote on ").append(c.fit().candidate()).append(": ").append(note).append('.');
            }
        }
        if (!r.firstInBootstrap().isEmpty()) {
            md.append("\n\nRanked first in bootstrap resamples: ").append(r.ranking().stream()
                    .map(c -> String.format(Locale.ROOT, "%s %.0f%%", c.fit().candidate(),
                            100.0 * r.firstInBootstrap().getOrDefault(c.fit().candidate(), 0.0)))
                    .collect(java.util.stream.Collectors.joining(", "))).append('.');
        }
        return md.append("\n\n").toString();
    }

    private static Map<String, Object> groupJson(SizeComparison.Result r) {
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("group", r.group());
        g.put("best", r.best().fit().candidate());
        List<Object> cands = new ArrayList<>();
        for (RankedCandidate c : r.ranking()) {
            CandidateFit f = c.fit();
            cands.add(obj("rank", c.rank(), "candidate", f.candidate(), "parameters", f.parameters(), "n", f.n(),
                    "log_likelihood", f.logLikelihood(), "aic", f.aic(), "bic", f.bic(), "delta_bic", c.deltaBic(),
                    "delta_aic", c.deltaAic(), "bic_weight", c.bicWeight(), "log10_bayes_factor",
                    c.log10BayesFactor(), "verdict", c.verdict(), "ks", f.ks(), "negative_mass", f.negativeMass(),
                    "first_in_bootstrap", r.firstInBootstrap().get(f.candidate()),
                    "estimates", f.estimates().stream().map(e -> obj("name", e.name(), "estimate", e.estimate(),
                            "se", e.se(), "lower95", e.lower(), "upper95", e.upper())).toList(),
                    "notes", f.notes()));
        }
        g.put("candidates", cands);
        return g;
    }

    /** An ordered JSON object from key, value pairs; non-finite numbers become null. */
    private static Map<String, Object> obj(Object... keyValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            Object v = keyValues[i + 1];
            out.put((String) keyValues[i], v instanceof Double d && !Double.isFinite(d) ? null : v);
        }
        return out;
    }

    private static String csv(Object... values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            Object v = values[i];
            if (v instanceof Double d) {
                sb.append(Double.isFinite(d) ? String.format(Locale.ROOT, "%.10g", d) : "");
            } else {
                String s = String.valueOf(v);
                sb.append(s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s);
            }
        }
        return sb.append('\n').toString();
    }

    private static Path write(Path dir, String name, String content) {
        Path p = dir.resolve(name);
        AtomicFiles.writeString(p, content);
        return p;
    }
}
