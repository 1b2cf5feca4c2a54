package org.synapticgeometry.stage.linreg;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.synapticgeometry.files.AtomicFiles;
import org.synapticgeometry.files.Json;
import org.synapticgeometry.files.Manifest;
import org.synapticgeometry.snapshot.FloatTensor;
import org.synapticgeometry.snapshot.NpzWriter;
import org.synapticgeometry.tracking.TrackedRun;

/**
 * The files of the linear-regression stage, each written atomically: {@code linreg.csv} (one row
 * per run), {@code linreg.json} (parameters, searches, runs with every score, identification
 * table), {@code manifest.csv} (the scored snapshot pairs, input of {@code sgeo score}) and
 * {@code snapshots/<run_id>/{init,final}.npz} (array {@code weight}, shape 1×D, as a PyTorch
 * {@code Linear(D, 1)} stores it). Nothing time-dependent is written, so equal runs give equal bytes.
 */
public final class LinregOutputs {
    /** Name of the array in the snapshot files. */
    public static final String WEIGHT = "weight";
    private static final String[] SCORE_KINDS = {"delta_cdf", "delta_cdf_centered", "delta_cdf_grid",
        "delta_cdf_grid_centered", "magnitude", "excluded"};

    private final Path outDir;
    private final LinregParams params;

    /**
     * One cell of the identification table: how often runs trained with a potential at (k, power,
     * D) were identified as each candidate.
     *
     * @param trainedPotential the trained potential
     * @param k exponent of N
     * @param power correlation decay exponent
     * @param d input dimension
     * @param n training rows N = int(D^k)
     * @param runs runs in the cell
     * @param correct runs identified as the trained potential
     * @param diverged runs that diverged (never identified)
     * @param identified counts per identified candidate
     */
    public record Cell(String trainedPotential, double k, double power, int d, int n, int runs, int correct, int diverged,
            Map<String, Integer> identified) {
        /** Fraction of runs identified correctly. */
        @JsonProperty("accuracy")
        public double accuracy() {
            return runs == 0 ? Double.NaN : (double) correct / runs;
        }
    }

    LinregOutputs(Path outDir, LinregParams params) {
        this.outDir = outDir;
        this.params = params;
    }

    /** Writes the initial and final weights of one run. */
    void writeSnapshots(String runId, float[] initial, float[] fin) {
        Path dir = outDir.resolve("snapshots").resolve(runId);
        NpzWriter.writeNpz(dir.resolve("init.npz"), Map.of(WEIGHT, new FloatTensor(new int[] {1, initial.length}, initial)));
        NpzWriter.writeNpz(dir.resolve("final.npz"), Map.of(WEIGHT, new FloatTensor(new int[] {1, fin.length}, fin)));
    }

    /** Writes linreg.csv, linreg.json and manifest.csv; returns the identification table. */
    List<Cell> writeResults(List<LinregRun> runs, List<LinregSearch> searches) {
        List<Cell> table = identificationTable(runs);
        AtomicFiles.writeString(outDir.resolve("linreg.csv"), csv(runs));
        Manifest.write(outDir.resolve(Manifest.FILE), manifest(runs));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("stage", "linreg");
        json.put("params", params);
        json.put("candidates", params.candidatePotentials().stream().map(p -> p.name()).toList());
        json.put("learning_rate_searches", searches);
        json.put("runs", runs);
        json.put("identification", table);
        Json.write(outDir.resolve("linreg.json"), json);
        return table;
    }

    /** Logs the result files and snapshots as artifacts. */
    void logArtifacts(TrackedRun tracking) {
        for (String f : new String[] {"linreg.csv", "linreg.json", Manifest.FILE}) {
            tracking.logArtifact(outDir.resolve(f), "");
        }
        tracking.logArtifact(outDir.resolve("snapshots"), "snapshots");
    }

    /** The identification table, cells ordered by trained potential, k, power, D. */
    static List<Cell> identificationTable(List<LinregRun> runs) {
        Map<String, List<LinregRun>> groups = new TreeMap<>();
        for (LinregRun r : runs) {
            String key = String.format(java.util.Locale.ROOT, "%s|%012.6f|%012.6f|%09d", r.trainedPotential(), r.k(),
                    r.power(), r.d());
            groups.computeIfAbsent(key, x -> new ArrayList<>()).add(r);
        }
        List<Cell> out = new ArrayList<>();
        for (List<LinregRun> g : groups.values()) {
            Map<String, Integer> counts = new TreeMap<>();
            int correct = 0;
            int diverged = 0;
            for (LinregRun r : g) {
                correct += r.correct() ? 1 : 0;
                diverged += r.diverged() ? 1 : 0;
                if (!r.identified().isEmpty()) {
                    counts.merge(r.identified(), 1, Integer::sum);
                }
            }
            LinregRun first = g.get(0);
            out.add(new Cell(first.trainedPotential(), first.k(), first.power(), first.d(), first.n(), g.size(), correct, diverged,
                    counts));
        }
        return out;
    }

    private String csv(List<LinregRun> runs) {
        List<String> names = params.candidatePotentials().stream().map(p -> p.name()).toList();
        StringBuilder b = new StringBuilder("run_id,trained_potential,k,power,d,n,seed,lr,steps,final_loss,diverged,identified");
        for (String kind : SCORE_KINDS) {
            for (String c : names) {
                b.append(',').append(kind).append('_').append(c);
            }
        }
        b.append('\n');
        for (LinregRun r : runs) {
            b.append(String.join(",", r.runId(), r.trainedPotential(), num(r.k()), num(r.power()),
                    Integer.toString(r.d()), Integer.toString(r.n()), Integer.toString(r.seed()), num(r.lr()),
                    Integer.toString(r.steps()), num(r.finalLoss()), Boolean.toString(r.diverged()), r.identified()));
            for (String kind : SCORE_KINDS) {
                for (String c : names) {
                    b.append(',').append(score(r.scores().get(c), kind));
                }
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static String score(LinregRun.CandidateScore s, String kind) {
        return switch (kind) {
            case "delta_cdf" -> num(s.deltaCdf());
            case "delta_cdf_centered" -> num(s.deltaCdfCentered());
            case "delta_cdf_grid" -> num(s.deltaCdfGrid());
            case "delta_cdf_grid_centered" -> num(s.deltaCdfGridCentered());
            case "magnitude" -> num(s.magnitude());
            default -> Long.toString(s.excluded());
        };
    }

    /** Rows for the runs that trained without diverging. */
    private List<Manifest.Entry> manifest(List<LinregRun> runs) {
        List<Manifest.Entry> entries = new ArrayList<>();
        for (LinregRun r : runs) {
            if (!r.diverged()) {
                Path dir = outDir.resolve("snapshots").resolve(r.runId());
                entries.add(new Manifest.Entry(r.runId(), dir.resolve("init.npz"), dir.resolve("final.npz"),
                        r.trainedPotential(), "linear", Integer.toString(r.seed()), "", ""));
            }
        }
        return entries;
    }

    private static String num(double x) {
        return Double.toString(x);
    }
}
