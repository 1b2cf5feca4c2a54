/**
 * The DJL training loop shared by the two training stages (pretrain-load, finetune-per-map): epochs of
 * seeded mini-batches, divergence detection, accuracy.
 */
package org.synapticgeometry.training;
