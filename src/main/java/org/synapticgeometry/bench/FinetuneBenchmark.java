package org.synapticgeometry.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.synapticgeometry.data.FashionMnist;
import org.synapticgeometry.data.Seeds;
import org.synapticgeometry.data.Subsets;
import org.synapticgeometry.geometry.Potential;
import org.synapticgeometry.geometry.Potentials;
import org.synapticgeometry.model.Checkpoint;
import org.synapticgeometry.model.ModelInfo;
import org.synapticgeometry.model.NamedParameter;
import org.synapticgeometry.model.Network;
import org.synapticgeometry.snapshot.FloatTensor;
import org.synapticgeometry.snapshot.NpzReader;
import org.synapticgeometry.snapshot.NpzWriter;
import org.synapticgeometry.stats.Scopes;
import org.synapticgeometry.stats.StatisticSet;
import org.synapticgeometry.stats.WeightChangeScorer;
import org.synapticgeometry.stats.WeightLayer;

/**
 * The {@code finetune} suite: the whole {@code sgeo finetune-per-map} process against the same
 * protocol in PyTorch ({@code ci/peers/finetune_torch.py}, a peer written for this benchmark), on
 * the same pretrained weights, the same N = ⌊√D⌋ Fashion-MNIST test images and the same sizes (one
 * search of the rate grid, batch 256, momentum 0.9, cosine schedule) and the same cores: with T
 * threads PyTorch runs its trials one after the other on T intra-op threads, sgeo T trials at once
 * on one libtorch thread each ({@code --parallel-trials T}). The two processes run
 * alternately, the first one of each pair swapping every round; each round uses the next seed
 * (1, 2, ...). Reported: median whole-process wall and CPU time (user + system of the process and
 * its children) and the medians of the per-round ratios. The science of both sides is compared on
 * stderr: each chosen run's weight change (classifier excluded) scored in the paper's five
 * candidate spaces, the identified potential and ΔCDF of the trained one, mean ± sd over seeds.
 */
final class FinetuneBenchmark implements Bench.Suite {
    private static final String BASELINE = "PyTorch peer";

    @Override
    public String name() {
        return "finetune";
    }

    @Override
    public boolean inAll() {
        return false;
    }

    @Override
    public List<Bench.Row> run(Bench.Settings s, PrintWriter progress) {
        Bench.FinetuneSettings f = s.finetune();
        String torch = requireTorch(f);
        List<Bench.Row> rows = new ArrayList<>();
        for (String arch : f.archs()) {
            rows.addAll(compare(arch, f, s.threads(), torch, progress));
        }
        return rows;
    }

    private List<Bench.Row> compare(String arch, Bench.FinetuneSettings f, int threads, String torch,
            PrintWriter progress) {
        Path dir = f.work().resolve(arch);
        Path pretrained = pretrained(arch, f, threads, progress);
        ModelInfo info = Checkpoint.readInfo(pretrained.resolve(Checkpoint.INFO_FILE));
        int split = FashionMnist.locate(null).load(FashionMnist.Split.TEST).size();
        int n = Subsets.sizeFor(info.scoredWeights(), 0.5, split);
        Map<String, FloatTensor> init;
        Map<String, FloatTensor> allParameters = new LinkedHashMap<>();
        try (Network net = Checkpoint.load(pretrained)) {
            init = net.scoredWeights(true);
            for (NamedParameter p : net.parameters()) {
                allParameters.put(p.name(), tensor(p));
            }
        }
        Potential trained = Potentials.parse(f.potential());
        double[][] wall = new double[2][f.runs()];
        double[][] cpu = new double[2][f.runs()];
        List<Science> java = new ArrayList<>();
        List<Science> peer = new ArrayList<>();
        for (int r = 0; r < f.runs(); r++) {
            long seed = r + 1;
            Path javaOut = dir.resolve("sgeo-seed" + seed);
            Path peerOut = dir.resolve("torch-seed" + seed);
            Path protocol = protocol(dir, seed, split, allParameters);
            List<String> javaCommand = List.of(f.sgeo().toString(), "finetune-per-map", "--checkpoint",
                    pretrained.toString(), "--potential", f.potential(), "--seed", Long.toString(seed), "--lr-grid",
                    f.lrGrid(), "--epochs", Integer.toString(f.epochs()), "--max-attempts", "1", "--device", "cpu",
                    "--parallel-trials", Integer.toString(threads), "--out", javaOut.toString());
            List<String> peerCommand = List.of(f.python(), f.peer().toString(), "--protocol", protocol.toString(),
                    "--data", FashionMnist.locate(null).dir().toString(), "--arch", arch, "--n", Integer.toString(n),
                    "--potential", f.potential(), "--lr-grid", f.lrGrid(), "--epochs", Integer.toString(f.epochs()),
                    "--seed", Long.toString(Seeds.derive(seed, "shuffle")), "--threads", Integer.toString(threads),
                    "--out", peerOut.toString());
            clear(javaOut);
            clear(peerOut);
            for (int k = 0; k < 2; k++) {
                int side = (k + r) % 2;
                Timed t = Timed.run(side == 0 ? javaCommand : peerCommand, dir, threads);
                wall[side][r] = t.wallMillis();
                cpu[side][r] = t.cpuMillis();
                progress.println(String.format(Locale.ROOT, "bench finetune %s seed %d: %s %.1f s wall, %.1f s CPU;"
                        + " load average %.1f", arch, seed, side == 0 ? "sgeo" : "torch", t.wallMillis() / 1e3,
                        t.cpuMillis() / 1e3, loadAverage()));
                progress.flush();
            }
            java.add(Science.of(init, finalWeights(javaOut, init), trained));
            peer.add(Science.of(init, NpzReader.read(peerOut.resolve("final.npz")).layers(), trained));
        }
        progress.println(Science.compare(arch, trained, java, peer));
        progress.flush();
        String what = arch + " N=" + n + ", " + f.lrGridSize() + " rates x " + f.epochs() + " epochs";
        return List.of(
                new Bench.Row(name(), what + ": " + torch, n, Bench.median(wall[1]), Bench.median(cpu[1]), "", 1.0),
                new Bench.Row(name(), what + ": sgeo, CPU ratio", n, Bench.median(wall[0]), Bench.median(cpu[0]),
                        BASELINE, Bench.median(Bench.ratios(cpu[0], cpu[1]))),
                new Bench.Row(name(), what + ": sgeo, wall ratio", n, Bench.median(wall[0]), Bench.median(cpu[0]),
                        BASELINE, Bench.median(Bench.ratios(wall[0], wall[1]))));
    }

    /**
     * Removes a round's output folder left by an earlier bench run in the same work folder, so that the
     * stage (which refuses another run's outputs) starts fresh; nothing happens when it is missing.
     */
    static void clear(Path roundOutput) {
        if (!Files.exists(roundOutput)) {
            return;
        }
        try (java.util.stream.Stream<Path> files = Files.walk(roundOutput)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear the earlier bench outputs in " + roundOutput, e);
        }
    }

    /** The pretrained network of the work folder, pretrained once (untimed) when it is missing. */
    private static Path pretrained(String arch, Bench.FinetuneSettings f, int threads, PrintWriter progress) {
        Path dir = f.work().resolve("pretrained-" + arch);
        if (Files.isRegularFile(dir.resolve(Checkpoint.INFO_FILE))) {
            return dir;
        }
        progress.println("bench finetune: pretraining " + arch + " once into " + dir + " (1 epoch on 20000 images;"
                + " not timed)");
        progress.flush();
        Timed.run(List.of(f.sgeo().toString(), "pretrain-load", "--arch", arch, "--epochs", "1", "--seed", "0",
                "--train-limit", "20000", "--device", "cpu", "--out", dir.toString()), f.work(), threads);
        return dir;
    }

    /** The pretrained parameters under sgeo's names and the seed's permutation of the test split, for the peer. */
    private static Path protocol(Path dir, long seed, int split, Map<String, FloatTensor> parameters) {
        int[] perm = Subsets.permutation(split, Seeds.derive(seed, "subset"));
        float[] order = new float[perm.length];
        for (int i = 0; i < perm.length; i++) {
            order[i] = perm[i];
        }
        Map<String, FloatTensor> arrays = new LinkedHashMap<>(parameters);
        arrays.put("permutation", FloatTensor.vector(order));
        Path file = dir.resolve("protocol-seed" + seed + ".npz");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        NpzWriter.writeNpz(file, arrays);
        return file;
    }

    private static Map<String, FloatTensor> finalWeights(Path out, Map<String, FloatTensor> init) {
        if (!Files.isRegularFile(out.resolve(Checkpoint.INFO_FILE))) {
            throw new IllegalStateException("sgeo finetune-per-map wrote no checkpoint into " + out
                    + " (every rate diverged?); see its train.json");
        }
        try (Network net = Checkpoint.load(out)) {
            return net.scoredWeights(true);
        }
    }

    private static FloatTensor tensor(NamedParameter p) {
        long[] s = p.parameter().getArray().getShape().getShape();
        int[] shape = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            shape[i] = Math.toIntExact(s[i]);
        }
        return new FloatTensor(shape, p.parameter().getArray().toFloatArray());
    }

    /** "PyTorch 1.13.0 peer", after checking that the interpreter imports torch. */
    private static String requireTorch(Bench.FinetuneSettings f) {
        if (!Files.isRegularFile(f.peer())) {
            throw new IllegalArgumentException("--peer " + f.peer() + " does not exist; pass the path of"
                    + " ci/peers/finetune_torch.py of the sgeo sources");
        }
        String version = Timed.output(List.of(f.python(), "-c", "import torch; print(torch.__version__)"));
        if (version == null) {
            throw new IllegalArgumentException("--python " + f.python() + " cannot import torch: install Debian's"
                    + " python3-torch (apt-get install -y python3-torch) or pass an interpreter that has it");
        }
        return "PyTorch " + version + " peer";
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** The pooled exact ΔCDF of one chosen run in every paper candidate, and the identified candidate. */
    record Science(Map<String, Double> deltaCdf, String identified, double trainedDeltaCdf) {
        static Science of(Map<String, FloatTensor> init, Map<String, FloatTensor> fin, Potential trained) {
            List<WeightLayer> layers = new ArrayList<>();
            for (Map.Entry<String, FloatTensor> e : init.entrySet()) {
                FloatTensor after = fin.get(e.getKey());
                if (after == null) {
                    throw new IllegalStateException("the fine-tuned weights lack layer " + e.getKey());
                }
                layers.add(new WeightLayer(e.getKey(), e.getValue().data(), after.data()));
            }
            WeightChangeScorer scorer = WeightChangeScorer.of(layers, new Scopes(true, false, false),
                    StatisticSet.QUICK);
            Map<String, Double> scores = new LinkedHashMap<>();
            String best = null;
            for (Potential p : Potentials.paperCandidates()) {
                double d = scorer.score(p).scopes().get(Scopes.POOLED).deltaCdf();
                scores.put(p.name(), d);
                if (best == null || d < scores.get(best)) {
                    best = p.name();
                }
            }
            return new Science(scores, best, scores.getOrDefault(trained.name(), Double.NaN));
        }

        /** One line per side and the verdict: same identified potential, ΔCDF means within 2 sd of the seeds. */
        static String compare(String arch, Potential trained, List<Science> java, List<Science> peer) {
            double[] j = java.stream().mapToDouble(Science::trainedDeltaCdf).toArray();
            double[] t = peer.stream().mapToDouble(Science::trainedDeltaCdf).toArray();
            double noise = Math.sqrt(variance(j) / j.length + variance(t) / t.length);
            boolean sameIdentified = identified(java).equals(identified(peer));
            boolean withinNoise = j.length > 1 && Math.abs(mean(j) - mean(t)) <= 2 * noise;
            return String.format(Locale.ROOT, "bench finetune %s science (trained %s, classifier excluded):%n"
                    + "  sgeo : identified %s, ΔCDF(%s) %.4f ± %.4f (sd over %d seeds)%n"
                    + "  torch: identified %s, ΔCDF(%s) %.4f ± %.4f%n"
                    + "  same identification: %s; ΔCDF difference %.4f vs 2 x seed noise %.4f: %s", arch, trained.name(),
                    identified(java), trained.name(), mean(j), Math.sqrt(variance(j)), j.length, identified(peer),
                    trained.name(), mean(t), Math.sqrt(variance(t)), sameIdentified ? "yes" : "NO",
                    Math.abs(mean(j) - mean(t)), 2 * noise, j.length < 2 ? "needs --runs >= 2"
                            : withinNoise ? "within" : "OUTSIDE");
        }

        private static Map<String, Integer> identified(List<Science> runs) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            runs.forEach(s -> counts.merge(s.identified(), 1, Integer::sum));
            return counts;
        }

        private static double mean(double[] v) {
            double s = 0;
            for (double x : v) {
                s += x;
            }
            return s / v.length;
        }

        private static double variance(double[] v) {
            if (v.length < 2) {
                return 0;
            }
            double m = mean(v);
            double s = 0;
            for (double x : v) {
                s += (x - m) * (x - m);
            }
            return s / (v.length - 1);
        }
    }
}
