/** The stage the paper's linear-regression experiment (Sec. 4.1): data, learning-rate search, training of every (potential, k, power, D, seed) run, and its outputs. */
package org.synapticgeometry.stage.linreg;
