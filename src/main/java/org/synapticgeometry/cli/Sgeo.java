package org.synapticgeometry.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.synapticgeometry.model.Devices;
import org.synapticgeometry.tracking.Provenance;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code sgeo} command line: one subcommand per stage, plus workflow, tracking and bench tools. */
@Command(name = "sgeo", mixinStandardHelpOptions = true, versionProvider = Sgeo.Version.class,
        description = "Identify the geometry of plasticity (mirror-descent potential) from weight changes;"
                + " reproduces Pogodin et al., ICLR 2024.")
public final class Sgeo implements Runnable {
    /** The subcommands, in the order {@code --help} lists them (then {@code help} and {@code completion}). */
    private static final List<Class<?>> COMMANDS = List.of(LinregCommand.class, PretrainLoadCommand.class,
            FinetunePerMapCommand.class, SnapshotCommand.class, ScoreCommand.class, ReportCommand.class,
            FitSizesCommand.class, RunCommand.class, TrackingCommand.class, RegressCommand.class, CompareCommand.class,
            BenchCommand.class);
    /** The commands that train: they start loading libtorch before their options are parsed. */
    private static final Set<String> TRAINING = Set.of(name(PretrainLoadCommand.class),
            name(FinetunePerMapCommand.class));
    /** The options that print and exit without running the command. */
    private static final Set<String> PRINT_ONLY = Set.of("-h", "--help", "-V", "--version");

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    private SharedOptions.Verbosity verbosity;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand");
    }

    /** Runs the CLI and exits with its code. */
    public static void main(String[] args) {
        System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the CLI in-process with the given streams and returns the exit code (tests use this). */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        if (TRAINING.contains(commandName(args)) && Arrays.stream(args).noneMatch(PRINT_ONLY::contains)) {
            Devices.startLoading();
        }
        CommandLine cli = commandLine(args);
        listExitCodes(cli);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(Sgeo::handle);
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("sgeo: " + e.getMessage() + " (see: " + e.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help)");
            return ExitCodes.USAGE;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** The whole command tree: every subcommand, {@code help} and {@code completion}. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Sgeo());
        COMMANDS.forEach(cli::addSubcommand);
        cli.addSubcommand(new CommandLine.HelpCommand());
        CommandLine completion = new CommandLine(new AutoComplete.GenerateCompletion());
        completion.getCommandSpec().usageMessage().hidden(false).description(
                "Prints a bash completion script for sgeo (zsh too, after autoload -U bashcompinit && bashcompinit).",
                "Install: source <(sgeo completion), or save it as /etc/bash_completion.d/sgeo.");
        cli.addSubcommand("completion", completion);
        return cli;
    }

    private static String name(Class<?> command) {
        return command.getAnnotation(Command.class).name();
    }

    /** The first word of {@code args} that is no option (the subcommand's name when they are right), or "". */
    private static String commandName(String... args) {
        return Arrays.stream(args).filter(a -> !a.startsWith("-")).findFirst().orElse("");
    }

    /**
     * The tree that runs {@code args}: the root with only the subcommand they name, when the first word
     * that is no option names one, else the whole tree (for {@code --help}, {@code help}, {@code completion}
     * and a mistyped command). Building every subcommand's model took 0.15–0.5 s of each process's start.
     */
    static CommandLine commandLine(String... args) {
        String name = commandName(args);
        return COMMANDS.stream().filter(c -> name(c).equals(name)).findFirst()
                .map(c -> new CommandLine(new Sgeo()).addSubcommand(c)).orElseGet(Sgeo::commandLine);
    }

    /** Every command's --help ends with the exit codes. */
    private static void listExitCodes(CommandLine cmd) {
        cmd.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(ExitCodes.DESCRIPTIONS);
        cmd.getSubcommands().values().forEach(Sgeo::listExitCodes);
    }

    private static int handle(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        String where = cmd.getCommandSpec().qualifiedName() + ": ";
        if (e instanceof IllegalArgumentException) {
            err.println(where + e.getMessage());
            return ExitCodes.USAGE;
        }
        err.println(where + "failed: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        if (System.getenv("SGEO_DEBUG") != null) {
            e.printStackTrace(err);
        }
        return ExitCodes.FAILURE;
    }

    /** The version, the commit and the engine versions written into the jar at build time. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            Map<String, String> v = Provenance.versions();
            return new String[] {"sgeo " + v.get("sgeo") + " (commit " + Provenance.gitCommit(System.getenv()) + ")",
                "DJL " + v.get("djl") + ", libtorch " + v.get("libtorch") + ", Java " + v.get("java")};
        }
    }
}
