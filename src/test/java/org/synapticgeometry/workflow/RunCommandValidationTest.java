package org.synapticgeometry.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synapticgeometry.testing.Cli;

/** Bad input to {@code sgeo run} is rejected before Nextflow starts, with the parameter, allowed values and line. */
class RunCommandValidationTest {
    private static final String MAIN = "workflows/main.nf";

    @TempDir
    Path dir;


    private Path params(String yaml) throws IOException {
        Path p = dir.resolve("params.yaml");
        Files.writeString(p, yaml);
        return p;
    }

    @Test
    void rejectsArchitectureOutsideTheZooNamingFileLineAndAllowedValues() throws IOException {
        Path p = params("outdir: results\narchitectures: [mlp-16, mlp-17, rnn-100]\nrnn_architectures: [cnn]\n");
        Cli r = Cli.run("run", MAIN, "-params-file", p.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(p + " line 2: architectures[1]: --arch 'mlp-17' is not in the zoo; valid"
                        + " architectures: mlp-16, mlp-256, mlp-1024x2, cnn, resnet-small, rnn-100, rnn-1000")
                .contains(p + " line 2: architectures[2]: 'rnn-100' is a recurrent architecture; architectures takes"
                        + " mlp-16, mlp-256, mlp-1024x2, cnn, resnet-small")
                .contains(p + " line 3: rnn_architectures[0]: 'cnn' is not a recurrent architecture;"
                        + " rnn_architectures takes rnn-100, rnn-1000")
                .doesNotContain(" architectures[0]");
    }

    /** The stages' own parser, not only the schema's pattern: p <= 1 and beta <= 0 match the pattern. */
    @Test
    void rejectsPotentialsTheStagesWouldRefuse() throws IOException {
        Path p = params("trained_potentials: [2-norm, 0.5-norm, 1-norm]\ncandidates: ['hypentropy:0', 2-norm]\n");
        Cli r = Cli.run("run", MAIN, "-params-file", p.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(p + " line 1: trained_potentials[1]: invalid potential '0.5-norm'")
                .contains(p + " line 1: trained_potentials[2]: invalid potential '1-norm'")
                .contains(p + " line 2: candidates[0]: invalid potential 'hypentropy:0'")
                .contains("valid forms: <p>-norm with p > 1")
                .doesNotContain("trained_potentials[0]").doesNotContain("candidates[1]");
        Cli unknown = Cli.run("run", MAIN, "--candidates", "2-norm");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("command line --candidates: candidates must be of type array");
        Cli name = Cli.run("run", MAIN, "-params-file", params("trained_potentials: [sqrt-norm]\n").toString());
        assertThat(name.code()).isEqualTo(2);
        assertThat(name.err()).contains("trained_potentials[0] must be a potential: negative_entropy, <p>-norm");
    }

    /** Per-architecture and per-potential settings: keys read by the zoo and the potential parser, keys of a setting known. */
    @Test
    void rejectsSettingsTheStagesWouldRefuse() throws IOException {
        Path p = params(String.join("\n", "architecture_settings:", "  mlp-17: {epochs: 3}", "  mlp-16: {seedz: [1], epochs: 0}",
                "potential_settings: {0.5-norm: {lr_grid: [0.1]}, 2-norm: {lr_grid: [-1]}}", "lr_rule: [lowest-loss, fastest]",
                "epochs: 3", ""));
        Cli r = Cli.run("run", MAIN, "-params-file", p.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(p + " line 1: architecture_settings.mlp-16: unknown key 'seedz' (known: epochs,"
                        + " lr_grid, potentials, pretrain_epochs, pretrain_lr, seeds, subset_size)")
                .contains(p + " line 1: architecture_settings.mlp-16.epochs must be >= 1, found 0")
                .contains(p + " line 4: potential_settings.2-norm.lr_grid[0] must be > 0, found -1")
                .contains(p + " line 5: lr_rule[1] must be a learning-rate rule of finetune-per-map")
                .contains(p + " line 6: unknown parameter 'epochs'")
                .doesNotContain("lr_rule must be of type string").doesNotContain("unknown key 'epochs'");
        Path keys = params("architecture_settings: {mlp-17: {epochs: 3}}\npotential_settings: {0.5-norm: {epochs: 3}}\n");
        Cli k = Cli.run("run", MAIN, "-params-file", keys.toString());
        assertThat(k.code()).isEqualTo(2);
        assertThat(k.err()).contains(keys + " line 1: architecture_settings.mlp-17: --arch 'mlp-17' is not in the zoo")
                .contains(keys + " line 2: potential_settings.0.5-norm: invalid potential '0.5-norm'");
    }

    /** The settings of one (architecture, potential): the potential parsed, its keys known, its options not given twice. */
    @Test
    void rejectsPairSettingsTheStagesWouldRefuse() throws IOException {
        Path keys = params(String.join("\n", "architecture_settings:", "  rnn-100:", "    potentials:",
                "      3-norm: {pretrain_lr: 0.001, lr_grdi: [0.1]}", ""));
        Cli k = Cli.run("run", MAIN, "-params-file", keys.toString());
        assertThat(k.code()).isEqualTo(2);
        assertThat(k.err()).contains(keys + " line 1: architecture_settings.rnn-100.potentials.3-norm: unknown key 'lr_grdi'"
                + " (known: epochs, lr_grid, pretrain_epochs, pretrain_lr, subset_size)");
        assertThat(k.err().lines().filter(l -> l.contains("potentials.3-norm"))).hasSize(1);
        Path values = params(String.join("\n", "architecture_settings:", "  rnn-100:", "    potentials:",
                "      0.5-norm: {pretrain_lr: 0.1}", "      2-norm: {lr_grid: [0.01]}", "finetune_args: --lr-grid 0.1,1", ""));
        Cli v = Cli.run("run", MAIN, "-params-file", values.toString());
        assertThat(v.code()).isEqualTo(2);
        assertThat(v.err()).contains(values + " line 1: architecture_settings.rnn-100.potentials.0.5-norm: invalid potential")
                .contains("architecture_settings.rnn-100.potentials.2-norm.lr_grid and finetune_args both give --lr-grid");
    }

    /** A setting whose option the stage's free-form args give too would reach the stage twice. */
    @Test
    void rejectsASettingThatTheStageArgsAlsoGive() throws IOException {
        Path p = params("potential_settings: {2-norm: {lr_grid: [0.1]}}\nfinetune_args: --epochs 5 --lr-grid 0.1,1\n"
                + "architecture_settings: {rnn-100: {pretrain_lr: 0.1}}\npretrain_args: --lr=0.05\n");
        Cli r = Cli.run("run", MAIN, "-params-file", p.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("potential_settings.2-norm.lr_grid and finetune_args both give --lr-grid; keep one of them")
                .contains("architecture_settings.rnn-100.pretrain_lr and pretrain_args both give --lr; keep one of them")
                .doesNotContain("--epochs;");
    }

    @Test
    void rejectsEmptyListsEmptyAndNonMappingParamsFiles() throws IOException {
        Cli emptyList = Cli.run("run", MAIN, "-params-file", params("trained_potentials: []\nseeds: []\n").toString());
        assertThat(emptyList.code()).isEqualTo(2);
        assertThat(emptyList.err()).contains("line 1: trained_potentials must be a list of at least 1 items, found []")
                .contains("line 2: seeds must be a list of at least 1 items, found []");
        Cli emptyFile = Cli.run("run", MAIN, "-params-file", params("# nothing but a comment\n").toString());
        assertThat(emptyFile.code()).isEqualTo(2);
        assertThat(emptyFile.err()).contains("params.yaml is empty: it must be a mapping of parameter names to values");
        Cli list = Cli.run("run", MAIN, "-params-file", params("- 2-norm\n- 3-norm\n").toString());
        assertThat(list.code()).isEqualTo(2);
        assertThat(list.err()).contains("must be a mapping of parameter names to values, found ARRAY");
    }

    /** The linear-regression params file is read by the linreg stage's own reader before anything starts. */
    @Test
    void rejectsALinregParamsFileTheStageWouldRefuse() throws IOException {
        String smoke = Files.readString(Path.of("params/linreg-smoke.yaml"));
        for (String k : new String[] {"[0]", "[1.5]", "[0.5, -0.25]"}) {
            Files.writeString(dir.resolve("linreg.yaml"), smoke.replace("k: [0.5]", "k: " + k));
            Path p = params("linreg_params: linreg.yaml\n");
            Cli r = Cli.run("run", MAIN, "-params-file", p.toString());
            assertThat(r.code()).as(k).isEqualTo(2);
            assertThat(r.err()).as(k).contains(p + " line 1: params file " + dir.resolve("linreg.yaml"))
                    .containsPattern("k\\[[01]\\] must be in \\(0, 1\\], found -?[0-9.]+");
        }
    }

    /**
     * Input paths in a params file are relative to that file's folder, on the command line to the
     * launch folder; a missing one names the parameter, where it was set, the path looked at and the fix.
     */
    @Test
    void resolvesInputPathsFromTheParamsFileAndRejectsMissingOnes() throws IOException {
        Path sub = Files.createDirectories(dir.resolve("cfg"));
        Files.copy(Path.of("params/linreg-smoke.yaml"), sub.resolve("lr.yaml"));
        Path p = sub.resolve("run.yaml");
        Files.writeString(p, "outdir: out\nlinreg_params: lr.yaml\ndata_dir: ../data\n");
        Files.createDirectories(dir.resolve("data"));
        WorkflowRun run = WorkflowRun.prepare(List.of(MAIN, "-params-file", p.toString()), Path.of("/"));
        assertThat(run.nextflowArgs()).containsSubsequence("--linreg_params", sub.resolve("lr.yaml").toString())
                .containsSubsequence("--data_dir", dir.resolve("data").toString());
        assertThat(run.params().text("outdir")).contains("out");

        Files.writeString(p, "linreg_params: params/lr.yaml\ndata_dir: nodata\n");
        Cli r = Cli.run("run", MAIN, "-params-file", p.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(p + " line 1: linreg_params 'params/lr.yaml' names " + sub.resolve("params/lr.yaml")
                        + ", which does not exist (a path in a params file is relative to that file's folder,"
                        + " on the command line to the launch folder")
                .contains(p + " line 2: data_dir 'nodata' names " + sub.resolve("nodata") + ", which does not exist");
        Cli folder = Cli.run("run", MAIN, "--linreg_params", dir.toString());
        assertThat(folder.code()).isEqualTo(2);
        assertThat(folder.err()).contains("command line --linreg_params: linreg_params '" + dir + "' names " + dir
                + ", which is not a file");
    }

    /** A refused run starts nothing: no Nextflow files, no work folder, no parent run in ./mlruns. */
    @Test
    void aRefusedRunStartsNoTaskAndNoParentRun() throws Exception {
        Path launch = Files.createDirectories(dir.resolve("launch"));
        Path bad = params("trained_potentials: [0.5-norm]\n");
        for (List<String> args : List.of(List.of("-params-file", bad.toString()),
                List.of("-params-file", Path.of("params/smoke.yaml").toAbsolutePath().toString(), "--linreg_params", "x.yaml"))) {
            List<String> cmd = new java.util.ArrayList<>(List.of(Path.of("bin/sgeo").toAbsolutePath().toString(), "run",
                    Path.of(MAIN).toAbsolutePath().toString()));
            cmd.addAll(args);
            Process proc = new ProcessBuilder(cmd).directory(launch.toFile()).redirectErrorStream(true).start();
            String out = new String(proc.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(proc.waitFor()).as(out).isEqualTo(2);
            assertThat(out).contains("sgeo run: ").doesNotContain("starting Nextflow");
            try (var files = Files.list(launch)) {
                assertThat(files).as("files in the launch folder").isEmpty();
            }
        }
    }

    @Test
    void rejectsShellInjectionThroughAPotentialName() throws IOException {
        Path p = params("trained_potentials: ['2-norm; touch pwned']\n");
        Cli r = Cli.run("run", MAIN, "-params-file", p.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("line 1: trained_potentials[0] must be a potential: negative_entropy, <p>-norm")
                .contains("found \"2-norm; touch pwned\"");
    }

    @Test
    void rejectsAnUnknownLearningRateRule() throws IOException {
        Path p = params("lr_rule: lazy\n");
        Cli r = Cli.run("run", MAIN, "-params-file", p.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("line 1: lr_rule must be a learning-rate rule of finetune-per-map: lowest-loss")
                .contains("found \"lazy\"").doesNotContain("must be of type array");
    }

    @Test
    void rejectsUnknownParameterListingTheKnownOnes() throws IOException {
        Path p = params("outdir: results\n\nseedz: [1]\n");
        Cli r = Cli.run("run", MAIN, "-params-file", p.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(p + " line 3: unknown parameter 'seedz' (known: architecture_settings, architectures, candidates,");
    }

    @Test
    void rejectsCommandLineOverridesOfTheWrongTypeOrForm() {
        Cli r = Cli.run("run", MAIN, "--report", "maybe", "--outdir", "out dir;rm");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("command line --report: report must be of type boolean, found \"maybe\"")
                .contains("command line --outdir: outdir must be a path of letters, digits");
    }

    @Test
    void rejectsUnknownProfileListingTheDeclaredOnes() {
        Cli r = Cli.run("run", MAIN, "-profile", "standard,slurmm");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("-profile 'slurmm' is not declared in")
                .contains("(known: standard, test, slurm, k8s, gpu)");
    }

    @Test
    void rejectsMissingWorkflowAndParamsFiles() {
        Cli missing = Cli.run("run", "workflows/nope.nf");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("workflow file workflows/nope.nf does not exist");
        Cli noParams = Cli.run("run", MAIN, "-params-file", dir.resolve("absent.yaml").toString());
        assertThat(noParams.code()).isEqualTo(2);
        assertThat(noParams.err()).contains("absent.yaml does not exist");
        Cli none = Cli.run("run", "-resume");
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("WORKFLOW.nf must come first, found '-resume'");
    }

    /** The shipped params files name their linreg file beside them: valid from any launch folder. */
    @Test
    void acceptsTheShippedParamsFilesFromAnyLaunchFolder() {
        for (String name : new String[] {"smoke", "medium", "paper-cpu", "paper-gpu"}) {
            Path f = Path.of("params", name + ".yaml").toAbsolutePath();
            WorkflowRun run = WorkflowRun.prepare(List.of(MAIN, "-params-file", f.toString(), "-resume"), dir);
            String linreg = run.params().text("linreg_params").orElseThrow();
            assertThat(Path.of(linreg)).isAbsolute().exists().hasParent(f.getParent());
            assertThat(run.nextflowArgs()).startsWith("run", MAIN, "-name").contains("-resume")
                    .containsSubsequence("-params-file", f.toString())
                    .containsSubsequence("--linreg_params", linreg);
        }
    }
}
