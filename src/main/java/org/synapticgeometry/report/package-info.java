/**
 * The report of a reproduction: the paper's figures as PNG and SVG (XChart), an {@code index.html}
 * that opens from disk with relative image links, and {@code summary.md}, built from score folders
 * ({@code scores.csv}, {@code identification.json}), linear-regression tables, fine-tuning summaries
 * and, for the distribution figures, snapshot pairs. Reading those files and drawing belong here;
 * computing scores does not (that is {@code stats}).
 */
package org.synapticgeometry.report;
