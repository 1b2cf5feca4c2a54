/**
 * The stages behind the {@code sgeo} subcommands, one sub-package each ({@code linreg}, {@code pretrain},
 * {@code finetune}, {@code snapshot}, {@code score}, {@code report}, {@code fitsizes}), and what every stage
 * shares: progress lines with ETA ({@link org.synapticgeometry.stage.Progress}). A stage package holds an
 * {@code XStage} (the program) and its {@code XOptions} (an immutable record of everything it was asked to
 * do, logged as tracking params); classes that only serve that stage live beside them.
 */
package org.synapticgeometry.stage;
