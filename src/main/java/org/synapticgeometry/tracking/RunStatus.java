package org.synapticgeometry.tracking;

/** Terminal status of a tracked run, as MLflow names it. */
public enum RunStatus {
    /** The run completed. */
    FINISHED,
    /** The run stopped with an error. */
    FAILED,
    /** The run was interrupted (signal, shutdown). */
    KILLED
}
