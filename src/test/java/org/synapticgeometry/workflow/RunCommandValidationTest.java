package org.synapticgeometry.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
        Path p = params("outdir: results\narchitectures: [mlp-16, mlp-17]\n");
        Cli r = Cli.run("run", MAIN, "-params-file", p.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(p + " line 2: architectures[1] must be one of [\"mlp-16\",\"mlp-256\"")
                .contains("found \"mlp-17\"");
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
        assertThat(r.err()).contains("line 1: lr_rule must be how finetune-per-map chooses the learning rate")
                .contains("found \"lazy\"");
    }

    @Test
    void rejectsUnknownParameterListingTheKnownOnes() throws IOException {
        Path p = params("outdir: results\n\nseedz: [1]\n");
        Cli r = Cli.run("run", MAIN, "-params-file", p.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(p + " line 3: unknown parameter 'seedz' (known: architectures, candidates,");
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

    @Test
    void acceptsTheShippedParamsFiles() {
        for (String f : new String[] {"params/smoke.yaml", "params/paper-cpu.yaml", "params/paper-gpu.yaml"}) {
            WorkflowRun run = WorkflowRun.prepare(java.util.List.of(MAIN, "-params-file", f, "-resume"));
            assertThat(run.nextflowArgs()).startsWith("run", MAIN, "-name").contains("-resume", "-params-file", f);
        }
    }
}
