/**
 * Science regression checks and reproduction diffs: the headline figures of a results folder
 * (identification per cell, ΔCDF per cell, final test accuracies), baselines that hold each figure's
 * band from the seed spread of the run that made them, the check of a reproduction against a baseline,
 * and the side-by-side comparison of two reproductions, with Markdown and JSON reports. The commands are
 * {@code sgeo regress check|update} and {@code sgeo compare}; nothing here trains or scores.
 */
package org.synapticgeometry.regress;
