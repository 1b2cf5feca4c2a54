/**
 * The stage programs behind the {@code sgeo} subcommands: each reads its inputs, runs, writes its
 * outputs atomically and logs to tracking. Here: the linear-regression experiment of the paper
 * ({@link org.synapticgeometry.stage.Linreg}) and the optimizer/ΔCDF benchmark
 * ({@link org.synapticgeometry.stage.Bench}).
 */
package org.synapticgeometry.stage;
