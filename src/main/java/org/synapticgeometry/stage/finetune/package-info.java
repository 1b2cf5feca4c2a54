/** The stage finetune-per-map: the paper's fine-tuning protocol for one potential and seed (N = D^k images, learning-rate grid with retries until 100% train accuracy). */
package org.synapticgeometry.stage.finetune;
