package org.synapticgeometry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.synapticgeometry.stats.ParameterScan;
import org.synapticgeometry.testing.Cli;
import picocli.CommandLine;

/** What every sgeo command shares: exit codes in --help, old option names, completion, quiet logging. */
class CliConventionsTest {
    @TempDir
    Path dir;

    @Test
    void everyHelpEndsWithTheExitCodes() {
        List<List<String>> commands = new ArrayList<>();
        collect(Sgeo.commandLine(), new ArrayList<>(), commands);
        commands.add(List.of("completion"));
        assertThat(commands).hasSizeGreaterThan(12);
        for (List<String> command : commands) {
            List<String> args = new ArrayList<>(command);
            args.add("--help");
            Cli r = Cli.run(args.toArray(String[]::new));
            assertThat(r.code()).as(String.join(" ", args)).isZero();
            assertThat(r.out()).as(String.join(" ", args)).contains("Exit codes:")
                    .containsPattern("\\n  0 +success").containsPattern("\\n  1 +a stage failed")
                    .containsPattern("\\n  2 +bad usage or input");
        }
    }

    /**
     * Every option or positional parameter that takes a value names it in --help (DIR, FILE.csv, N, ...),
     * hidden old names included: picocli's default placeholder is the Java field's name in angle brackets.
     */
    @Test
    void everyValueHasADescriptiveLabelNotTheFieldName() {
        List<String> defaults = new ArrayList<>();
        List<CommandLine> commands = new ArrayList<>();
        collectCommands(Sgeo.commandLine(), commands);
        for (CommandLine command : commands) {
            List<CommandLine.Model.ArgSpec> args = new ArrayList<>(command.getCommandSpec().options());
            args.addAll(command.getCommandSpec().positionalParameters());
            for (CommandLine.Model.ArgSpec arg : args) {
                if (arg.arity().max() > 0 && !arg.typeInfo().isBoolean() && arg.paramLabel().startsWith("<")) {
                    String name = arg.isOption() ? ((CommandLine.Model.OptionSpec) arg).longestName() : "positional";
                    defaults.add(command.getCommandSpec().qualifiedName() + " " + name + " " + arg.paramLabel());
                }
            }
        }
        assertThat(commands).hasSizeGreaterThan(12);
        assertThat(defaults).as("options showing picocli's default <fieldName> label").isEmpty();
    }

    private static void collectCommands(CommandLine cmd, List<CommandLine> into) {
        into.add(cmd);
        cmd.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help")) {
                collectCommands(sub, into);
            }
        });
    }

    private static void collect(CommandLine cmd, List<String> path, List<List<String>> into) {
        into.add(List.copyOf(path));
        cmd.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help")) {
                List<String> next = new ArrayList<>(path);
                next.add(name);
                collect(sub, next, into);
            }
        });
    }

    @Test
    void oldOptionNamesStillWorkAndSayOnceWhatReplacesThem() {
        Path missing = dir.resolve("no-such-checkpoint");
        Cli r = Cli.run("finetune-per-map", "--pretrained", missing.toString(), "--potential", "2-norm",
                "--out", dir.resolve("o").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(deprecationLines(r)).containsExactly(
                "sgeo finetune-per-map: --pretrained is deprecated and goes away in the next release; use --checkpoint");
        assertThat(r.lastErrorLine()).as("the stage got the path").contains(dir.toString(), "does not exist");

        r = Cli.run("finetune-per-map", "--checkpoint", missing.toString(), "--potential", "2-norm", "--k", "1.5",
                "--out", dir.resolve("o").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(deprecationLines(r)).singleElement().asString().contains("--k is deprecated", "use --subset-exponent");
        assertThat(r.lastErrorLine()).contains("--subset-exponent must be in (0, 1], found 1.5");

        r = Cli.run("report", "--scores", dir.toString(), "--pairs", dir.resolve("none.csv").toString(),
                "--out", dir.resolve("r").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(deprecationLines(r)).singleElement().asString().contains("--pairs is deprecated", "use --manifest");
    }

    @Test
    void checkpointIsRequiredUnderOneOfItsNames() {
        Cli r = Cli.run("finetune-per-map", "--potential", "2-norm", "--out", dir.resolve("o").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.lastErrorLine()).contains("give --checkpoint DIR");
    }

    private static List<String> deprecationLines(Cli r) {
        return r.err().lines().filter(l -> l.contains("deprecated")).toList();
    }

    @Test
    void pScanCountsPointsAndTheOlderStepFormGivesTheSameGrid() {
        List<Double> byCount = ParameterScan.linear("--scan-p", "1.1:3.0:20");
        assertThat(byCount).hasSize(20).startsWith(1.1, 1.2, 1.3).endsWith(2.9, 3.0);
        assertThat(ParameterScan.linearByStep("--scan-p", "1.1:3.0:0.1")).isEqualTo(byCount);
        assertThat(ParameterScan.linear("--scan-p", "2:2:1")).containsExactly(2.0);
        for (String bad : List.of("1.1:3.0:0", "3:1:5", "1:3:1", "1:3:2.5")) {
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> ParameterScan.linear("--scan-p", bad)))
                    .as(bad).hasMessageContaining("--scan-p must be LO:HI:COUNT");
        }
    }

    @Test
    void theOlderStepFormOfScanPWarnsWithItsCountForm() throws IOException {
        Path manifest = dir.resolve("manifest.csv");
        Files.writeString(manifest, "run_id,init,final,trained_potential,architecture,seed\nr,none-a.npz,none-b.npz,,,\n");
        Cli r = Cli.run("score", "--manifest", manifest.toString(), "--scan-p", "1.1:3.0:0.1", "--scan-beta", "none",
                "--bootstrap", "0", "--out", dir.resolve("s").toString());
        assertThat(deprecationLines(r)).containsExactly("sgeo score: --scan-p LO:HI:STEP is deprecated and goes away"
                + " in the next release; use --scan-p LO:HI:COUNT, here 1.1:3.0:20");
    }

    @Test
    void completionScriptCompletesCommandsAndCurrentOptionNames() throws Exception {
        Cli r = Cli.run("completion");
        assertThat(r.code()).isZero();
        Path script = dir.resolve("sgeo.bash");
        Files.writeString(script, r.out());
        assertThat(complete(script, "sgeo fin")).containsExactly("finetune-per-map");
        assertThat(complete(script, "sgeo finetune-per-map --sub"))
                .containsExactlyInAnyOrder("--subset-exponent", "--subset-size");
        assertThat(complete(script, "sgeo finetune-per-map --pre")).isEmpty();
    }

    /** Runs the script's completion function in a real bash for the words typed so far. */
    private static List<String> complete(Path script, String line) throws Exception {
        String words = line;
        String bash = "source '" + script + "'; COMP_WORDS=(" + words + "); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ));"
                + " COMP_LINE='" + line + "'; COMP_POINT=${#COMP_LINE}; _complete_sgeo; printf '%s\\n' \"${COMPREPLY[@]}\"";
        Process p = new ProcessBuilder("bash", "-c", bash).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    @Test
    void librariesAreQuietUnlessVerbose() throws Exception {
        String quiet = sgeoStderr("bench", "--suite", "optim", "--tensor-size", "64", "--repeats", "1");
        assertThat(quiet).contains("bench optim: MirrorDescent").doesNotContain(" INFO ");
        String verbose = sgeoStderr("--verbose", "bench", "--suite", "optim", "--tensor-size", "64", "--repeats", "1");
        assertThat(verbose).contains("INFO ai.djl.pytorch.engine.PtEngine");
    }

    /** Runs sgeo as bin/sgeo runs a training command, in a fresh JVM (SLF4J reads its level once), and returns stderr. */
    private String sgeoStderr(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + Path.of("bin", "jvm.options").toAbsolutePath(), "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), Sgeo.class.getName()));
        command.addAll(List.of(args));
        Path err = dir.resolve("stderr-" + args.length + ".txt");
        Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile()).start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(err)).isZero();
        return Files.readString(err);
    }
}
