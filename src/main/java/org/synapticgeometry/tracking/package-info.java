/**
 * Run tracking in MLflow. Stages call {@link org.synapticgeometry.tracking.Tracking#startStage} and
 * log through the {@link org.synapticgeometry.tracking.TrackedRun} it returns; nothing outside this
 * package imports the MLflow client.
 *
 * <ul>
 *   <li>{@link org.synapticgeometry.tracking.TrackingConfig}: the environment contract
 *       ({@link org.synapticgeometry.tracking.TrackingKeys}), parsed once;
 *       {@link org.synapticgeometry.tracking.TrackingUri} chooses the backend.</li>
 *   <li>{@link org.synapticgeometry.tracking.Tracker}: the backend interface, implemented by
 *       {@link org.synapticgeometry.tracking.ServerTracker} (official Java client with our timeouts,
 *       credentials, retries and HTTP artifact upload) and {@link org.synapticgeometry.tracking.FileStore}
 *       (MLflow's file-store layout, written atomically).</li>
 *   <li>{@code MlflowRun}: one run; checks keys and sizes ({@link org.synapticgeometry.tracking.MlflowLimits}),
 *       batches, keeps a journal and moves to the local store when the server fails; writes the
 *       provenance record {@link org.synapticgeometry.tracking.RunRecord} ({@code run.json}).</li>
 *   <li>{@link org.synapticgeometry.tracking.StoreSync}: {@code sgeo tracking sync}, idempotent replay of a
 *       local store into a server and repair of runs a killed process left RUNNING.</li>
 * </ul>
 */
package org.synapticgeometry.tracking;
