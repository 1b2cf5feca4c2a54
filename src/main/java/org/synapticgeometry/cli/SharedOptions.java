package org.synapticgeometry.cli;

import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The options several commands share, declared once as picocli mixins so that name, form and help agree. */
final class SharedOptions {
    private SharedOptions() {
    }

    /** {@code --out DIR}: the folder a stage writes into. */
    static final class OutputFolder {
        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created if missing).")
        Path dir;
    }

    /** {@code --seed N}: the root seed; every random stream of the command derives from it. */
    static final class Seed {
        @Option(names = "--seed", defaultValue = "0", paramLabel = "N",
                description = "Root seed of every random stream of the command (default: ${DEFAULT-VALUE}).")
        long value;
    }

    /** {@code --device auto|cpu|gpu}: where DJL trains. */
    static final class Device {
        @Option(names = "--device", defaultValue = "auto", paramLabel = "auto|cpu|gpu",
                description = "Where to train: auto (a GPU when one is visible), cpu or gpu (default: ${DEFAULT-VALUE}).")
        String value;
    }

    /** {@code --data-dir DIR}: the Fashion-MNIST folder. */
    static final class DataDir {
        @Option(names = "--data-dir", paramLabel = "DIR",
                description = "Fashion-MNIST IDX files (default: $SGEO_DATA, then /usr/share/datasets/fashion-mnist).")
        Path dir;
    }

    /**
     * {@code --verbose}: the libraries' INFO lines (DJL, MLflow client), which {@code simplelogger.properties}
     * hides by default. Inherited by every subcommand; it must act before the first logger exists, so it sets
     * the SLF4J property while the command line is parsed.
     */
    static final class Verbosity {
        /** The SLF4J simple logger's default level property. */
        static final String LEVEL_PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";

        @Option(names = "--verbose", scope = ScopeType.INHERIT,
                description = "Also print the libraries' INFO log lines (DJL engine, MLflow client) on stderr.")
        void verbose(boolean on) {
            if (on) {
                System.setProperty(LEVEL_PROPERTY, "info");
            }
        }
    }

    /** Old option names kept for one release: each use prints one deprecation line on stderr. */
    static final class Renamed {
        private Renamed() {
        }

        /** Prints {@code sgeo CMD: OLD is deprecated ...; use NOW} on the command's stderr. */
        static void warn(CommandSpec spec, String old, String now) {
            spec.commandLine().getErr().println("sgeo " + spec.name() + ": " + old
                    + " is deprecated and goes away in the next release; use " + now);
        }

        /** The value given under the old name (with the deprecation line), else the one under the new name. */
        static <T> T pick(CommandSpec spec, T value, T legacyValue, String old, String now) {
            if (legacyValue == null) {
                return value;
            }
            warn(spec, old, now);
            return legacyValue;
        }
    }
}
