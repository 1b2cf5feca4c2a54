package org.synapticgeometry.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.synapticgeometry.tracking.FileStore;
import org.synapticgeometry.tracking.RunStatus;
import org.synapticgeometry.tracking.ServerTracker;
import org.synapticgeometry.tracking.StoreSync;
import org.synapticgeometry.tracking.Tracking;
import org.synapticgeometry.tracking.TrackingConfig;
import org.synapticgeometry.tracking.TrackingUri;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sgeo tracking}: sync a local MLflow store into a server (and repair runs a crash left
 * RUNNING), and create/end the parent run of a workflow.
 */
@Command(name = "tracking", mixinStandardHelpOptions = true,
        description = "Tracking tools: sync a local MLflow store into a server; parent runs of workflows.",
        subcommands = {TrackingCommand.Sync.class, TrackingCommand.StartParent.class, TrackingCommand.EndParent.class})
public final class TrackingCommand implements Callable<Integer> {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "missing subcommand: sync, start-parent or end-parent");
    }

    static TrackingConfig config() {
        return TrackingConfig.fromEnv(System.getenv());
    }

    /** {@code sgeo tracking sync}: replay a local store into a server, idempotently. */
    @Command(name = "sync", mixinStandardHelpOptions = true,
            description = {"Replays a local MLflow store into a server (idempotent: running it twice sends nothing new)",
                "and marks runs left RUNNING by a killed process as KILLED. Without a server URI it only repairs."})
    static final class Sync implements Callable<Integer> {
        @Spec
        private picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--to", paramLabel = "URI",
                description = "Server to push to (default: MLFLOW_TRACKING_URI when it is http(s)).")
        private String to;

        @Option(names = "--from", paramLabel = "DIR",
                description = "Local store (default: SGEO_TRACKING_SPOOL, else a file: MLFLOW_TRACKING_URI, else ./mlruns).")
        private Path from;

        @Override
        public Integer call() {
            TrackingConfig env = config();
            TrackingUri target = to != null ? TrackingUri.parse(to) : env.uri();
            if (to != null && !target.isServer()) {
                throw new IllegalArgumentException("--to must be an http(s) MLflow server URI, found '" + to + "'");
            }
            Path store = from != null ? from : env.spool();
            if (!store.toFile().isDirectory()) {
                throw new IllegalArgumentException("--from " + store + " is not a folder; give the local MLflow store"
                        + " (e.g. ./mlruns)");
            }
            ServerTracker server = target.isServer() ? new ServerTracker(target, env.withUri(target).server()) : null;
            try {
                new StoreSync(new FileStore(store), server, spec.commandLine().getOut()).run();
            } finally {
                if (server != null) {
                    server.close();
                }
            }
            return ExitCodes.OK;
        }
    }

    /** {@code sgeo tracking start-parent}: create a workflow's parent run and print its id. */
    @Command(name = "start-parent", mixinStandardHelpOptions = true,
            description = "Creates the RUNNING parent run of a workflow in SGEO_EXPERIMENT and prints its id"
                    + " (export it as SGEO_PARENT_RUN_ID for the stage tasks).")
    static final class StartParent implements Callable<Integer> {
        @Spec
        private picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--name", required = true, paramLabel = "RUN_NAME", description = "Run name (e.g. the Nextflow run name).")
        private String name;

        @Option(names = "--experiment", paramLabel = "NAME", description = "Experiment (default: SGEO_EXPERIMENT, else sgeo-workflow).")
        private String experiment;

        @Option(names = "--tag", paramLabel = "KEY=VALUE", description = "Extra tag (repeatable).")
        private Map<String, String> tags = new LinkedHashMap<>();

        @Override
        public Integer call() {
            TrackingConfig c = config();
            if (experiment != null) {
                c = c.withRunContext(experiment, c.parentRunId());
            }
            spec.commandLine().getOut().println(Tracking.startParent(c, name, tags));
            return ExitCodes.OK;
        }
    }

    /** {@code sgeo tracking end-parent}: end a workflow's parent run. */
    @Command(name = "end-parent", mixinStandardHelpOptions = true, description = "Ends a run created by start-parent.")
    static final class EndParent implements Callable<Integer> {
        @Option(names = "--run-id", required = true, paramLabel = "ID", description = "Id printed by start-parent.")
        private String runId;

        @Option(names = "--status", defaultValue = "FINISHED", paramLabel = "STATUS",
                description = "FINISHED, FAILED or KILLED (default ${DEFAULT-VALUE}).")
        private String status;

        @Override
        public Integer call() {
            RunStatus s;
            try {
                s = RunStatus.valueOf(status);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--status must be FINISHED, FAILED or KILLED, found '" + status + "'");
            }
            if (!runId.matches("[0-9a-f]{32}")) {
                throw new IllegalArgumentException("--run-id must be a 32-character hex MLflow run id, found '" + runId + "'");
            }
            Tracking.endRun(config(), runId, s);
            return ExitCodes.OK;
        }
    }
}
