package org.synapticgeometry.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synapticgeometry.cli.Sgeo;

/** Bad input to {@code sgeo run} is rejected before Nextflow starts, with the parameter, allowed values and line. */
class RunCommandValidationTest {
    private static final String MAIN = "workflows/main.nf";

    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {
    }

    private static Result sgeo(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Sgeo.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    private Path params(String yaml) throws IOException {
        Path p = dir.resolve("params.yaml");
        Files.writeString(p, yaml);
        return p;
    }

    @Test
    void rejectsArchitectureOutsideTheZooNamingFileLineAndAllowedValues() throws IOException {
        Path p = params("outdir: results\narchitectures: [mlp-16, mlp-17]\n");
        Result r = sgeo("run", MAIN, "-params-file", p.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(p + " line 2: architectures[1] must be one of [\"mlp-16\",\"mlp-256\"")
                .contains("found \"mlp-17\"");
    }

    @Test
    void rejectsShellInjectionThroughAPotentialName() throws IOException {
        Path p = params("trained_potentials: ['2-norm; touch pwned']\n");
        Result r = sgeo("run", MAIN, "-params-file", p.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("line 1: trained_potentials[0] must be a potential: negative_entropy, <p>-norm")
                .contains("found \"2-norm; touch pwned\"");
    }

    @Test
    void rejectsUnknownParameterListingTheKnownOnes() throws IOException {
        Path p = params("outdir: results\n\nseedz: [1]\n");
        Result r = sgeo("run", MAIN, "-params-file", p.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(p + " line 3: unknown parameter 'seedz' (known: architectures, candidates,");
    }

    @Test
    void rejectsCommandLineOverridesOfTheWrongTypeOrForm() {
        Result r = sgeo("run", MAIN, "--report", "maybe", "--outdir", "out dir;rm");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("command line --report: report must be of type boolean, found \"maybe\"")
                .contains("command line --outdir: outdir must be a path of letters, digits");
    }

    @Test
    void rejectsUnknownProfileListingTheDeclaredOnes() {
        Result r = sgeo("run", MAIN, "-profile", "standard,slurmm");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("-profile 'slurmm' is not declared in")
                .contains("(known: standard, test, slurm, k8s, gpu)");
    }

    @Test
    void rejectsMissingWorkflowAndParamsFiles() {
        Result missing = sgeo("run", "workflows/nope.nf");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("workflow file workflows/nope.nf does not exist");
        Result noParams = sgeo("run", MAIN, "-params-file", dir.resolve("absent.yaml").toString());
        assertThat(noParams.code()).isEqualTo(2);
        assertThat(noParams.err()).contains("absent.yaml does not exist");
        Result none = sgeo("run", "-resume");
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
