/**
 * Launching workflows: the command line given to {@code sgeo run} ({@link NextflowArguments}), the
 * parameters it sets ({@link WorkflowParams}), their validation against
 * {@code workflows/nextflow_schema.json} ({@link ParamsValidator}) and the embedded real Nextflow
 * engine started as a child JVM on its own classpath ({@link NextflowEngine}). Stage logic does not
 * belong here; the {@code .nf} files only wire stages together.
 */
package org.synapticgeometry.workflow;
