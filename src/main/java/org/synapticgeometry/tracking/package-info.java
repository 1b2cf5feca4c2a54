/**
 * Run tracking: the {@link org.synapticgeometry.tracking.TrackedRun} interface used by every stage,
 * the MLflow backends behind it (a real server through the official Java client, or the embedded
 * file store at ./mlruns) and the spool that keeps records when a server cannot be reached.
 * Nothing outside this package imports the MLflow client.
 */
package org.synapticgeometry.tracking;
