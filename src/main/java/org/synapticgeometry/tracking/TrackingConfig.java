package org.synapticgeometry.tracking;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * Everything the tracker takes from the environment (see {@link TrackingKeys} and the README's
 * env contract), parsed and checked once.
 *
 * @param uri where runs go
 * @param server credentials, timeouts and retries for a server
 * @param experiment experiment name ({@code SGEO_EXPERIMENT}, else {@code MLFLOW_EXPERIMENT_NAME}), or null
 *     for {@code sgeo-<stage>}
 * @param parentRunId parent run id or null
 * @param nfRunName Nextflow run name or null
 * @param nfTaskHash Nextflow task hash or null
 * @param spool local store that takes over when the server fails
 * @param gitCommit code commit
 * @param warn where warnings go (stderr)
 */
public record TrackingConfig(TrackingUri uri, ServerSettings server, String experiment, String parentRunId,
        String nfRunName, String nfTaskHash, Path spool, String gitCommit, PrintStream warn) {

    /**
     * Reads the configuration from environment variables.
     *
     * @throws IllegalArgumentException for a malformed URI, parent run id or experiment name
     */
    public static TrackingConfig fromEnv(Map<String, String> env) {
        TrackingUri uri = TrackingUri.parse(env.get(TrackingKeys.ENV_URI));
        String experiment = blankToNull(env.get(TrackingKeys.ENV_EXPERIMENT));
        if (experiment == null) {
            experiment = blankToNull(env.get(TrackingKeys.ENV_MLFLOW_EXPERIMENT));
        }
        if (experiment != null) {
            MlflowLimits.checkExperimentName(experiment);
        }
        String parent = blankToNull(env.get(TrackingKeys.ENV_PARENT));
        if (parent != null && !parent.matches("[0-9a-f]{32}")) {
            throw new IllegalArgumentException(TrackingKeys.ENV_PARENT + " must be a 32-character hex MLflow run id"
                    + " (as printed by `sgeo tracking start-parent`), found '" + parent + "'");
        }
        String spool = blankToNull(env.get(TrackingKeys.ENV_SPOOL));
        Path spoolDir = spool != null ? Path.of(spool) : uri.isServer() ? Path.of(TrackingUri.DEFAULT_STORE) : uri.store();
        return new TrackingConfig(uri, ServerSettings.fromEnv(env, uri), experiment, parent,
                blankToNull(env.get(TrackingKeys.ENV_NF_RUN)), blankToNull(env.get(TrackingKeys.ENV_NF_TASK)),
                spoolDir.toAbsolutePath().normalize(), Provenance.gitCommit(env), System.err);
    }

    /** A copy pointing at another URI (credentials kept). */
    public TrackingConfig withUri(TrackingUri other) {
        return new TrackingConfig(other, server, experiment, parentRunId, nfRunName, nfTaskHash, spool, gitCommit, warn);
    }

    /** A copy with other server settings. */
    public TrackingConfig withServer(ServerSettings other) {
        return new TrackingConfig(uri, other, experiment, parentRunId, nfRunName, nfTaskHash, spool, gitCommit, warn);
    }

    /** A copy with another experiment and parent run. */
    public TrackingConfig withRunContext(String exp, String parent) {
        return new TrackingConfig(uri, server, exp, parent, nfRunName, nfTaskHash, spool, gitCommit, warn);
    }

    /** A copy writing warnings to {@code out}. */
    public TrackingConfig withWarn(PrintStream out) {
        return new TrackingConfig(uri, server, experiment, parentRunId, nfRunName, nfTaskHash, spool, gitCommit, out);
    }

    /** Opens the backend of {@link #uri()}. */
    public Tracker open() {
        return uri.isServer() ? new ServerTracker(uri, server) : new FileStore(uri.store());
    }

    /** The local store that receives spooled runs. */
    public FileStore spoolStore() {
        return new FileStore(spool);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
