/**
 * The stage programs behind the {@code sgeo} subcommands: each reads its inputs, runs, writes its
 * outputs atomically and logs to tracking. Here: the linear-regression experiment of the paper
 * ({@link org.synapticgeometry.stage.Linreg}), the optimizer/ΔCDF benchmark
 * ({@link org.synapticgeometry.stage.Bench}), and the deep-network stages: pretraining or import
 * ({@link org.synapticgeometry.stage.PretrainLoad}), the paper's fine-tuning protocol
 * ({@link org.synapticgeometry.stage.FinetunePerMap}) and weight snapshots
 * ({@link org.synapticgeometry.stage.SnapshotStage}); and scoring of snapshot pairs in candidate
 * geometries with identification ({@link org.synapticgeometry.stage.ScoreStage}).
 */
package org.synapticgeometry.stage;
