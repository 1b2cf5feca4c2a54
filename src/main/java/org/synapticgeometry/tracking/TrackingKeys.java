package org.synapticgeometry.tracking;

/**
 * Names shared with workflows and with MLflow: environment variables read by the tracker, and the
 * tag keys written on every run. One place, so the env contract in the README matches the code.
 */
public final class TrackingKeys {
    /** Where runs go: http(s) server, file: store, or unset for ./mlruns. */
    public static final String ENV_URI = "MLFLOW_TRACKING_URI";
    /** Bearer token for the server (used when no user/password pair is set). */
    public static final String ENV_TOKEN = "MLFLOW_TRACKING_TOKEN";
    /** Basic-auth user for the server. */
    public static final String ENV_USER = "MLFLOW_TRACKING_USERNAME";
    /** Basic-auth password for the server. */
    public static final String ENV_PASSWORD = "MLFLOW_TRACKING_PASSWORD";
    /** Experiment name; default {@code sgeo-<stage>}. */
    public static final String ENV_EXPERIMENT = "SGEO_EXPERIMENT";
    /** MLflow's own experiment variable, used when {@link #ENV_EXPERIMENT} is unset. */
    public static final String ENV_MLFLOW_EXPERIMENT = "MLFLOW_EXPERIMENT_NAME";
    /** MLflow's answer timeout in seconds. */
    public static final String ENV_HTTP_TIMEOUT = "MLFLOW_HTTP_REQUEST_TIMEOUT";
    /** MLflow's number of retries after a failed request. */
    public static final String ENV_HTTP_RETRIES = "MLFLOW_HTTP_REQUEST_MAX_RETRIES";
    /** Parent run id (the workflow run); stage runs become its children. */
    public static final String ENV_PARENT = "SGEO_PARENT_RUN_ID";
    /** Nextflow run name (workflow.runName). */
    public static final String ENV_NF_RUN = "SGEO_NF_RUN_NAME";
    /** Nextflow task hash (task.hash). */
    public static final String ENV_NF_TASK = "SGEO_NF_TASK_HASH";
    /** Local store that receives runs when the server cannot be reached; default ./mlruns. */
    public static final String ENV_SPOOL = "SGEO_TRACKING_SPOOL";
    /** Git commit to record when the code does not run from a git checkout. */
    public static final String ENV_GIT_COMMIT = "SGEO_GIT_COMMIT";

    /** MLflow's run-name tag (kept equal to the run name). */
    public static final String RUN_NAME = "mlflow.runName";
    /** MLflow's parent-run tag (nests runs in the UI). */
    public static final String PARENT = "mlflow.parentRunId";
    /** MLflow's git commit tag. */
    public static final String GIT_COMMIT = "mlflow.source.git.commit";
    /** MLflow's source name tag. */
    public static final String SOURCE_NAME = "mlflow.source.name";
    /** MLflow's source type tag. */
    public static final String SOURCE_TYPE = "mlflow.source.type";
    /** MLflow's user tag. */
    public static final String USER = "mlflow.user";
    /** The stage name (linreg, score, ...) or {@code workflow} for a parent run. */
    public static final String STAGE = "stage";
    /** Nextflow run name. */
    public static final String NF_RUN = "nextflow.run_name";
    /** Nextflow task hash. */
    public static final String NF_TASK = "nextflow.task_hash";
    /** {@code pid@host@startMillis} of the process that owns a RUNNING run (crash repair). */
    public static final String PROCESS = "sgeo.process";
    /** Id of the run in the local store a synced run came from (makes sync idempotent). */
    public static final String ORIGIN = "sgeo.origin_run_id";
    /** Set on runs whose records went to the local store because the server failed. */
    public static final String SPOOLED_FROM = "sgeo.spooled_from";

    /** Experiment tag that makes the MLflow 3.x UI show an experiment as machine learning (runs), not GenAI. */
    public static final String EXPERIMENT_KIND = "mlflow.experimentKind";
    /** Tag on a reproduction's parent run: where the MLflow UI opens the experiment's science view. */
    public static final String SCIENCE_VIEW = "sgeo.science_view";
    /** Value of {@link #EXPERIMENT_KIND} for our experiments. */
    public static final String EXPERIMENT_KIND_ML = "custom_model_development";

    private TrackingKeys() {
    }
}
