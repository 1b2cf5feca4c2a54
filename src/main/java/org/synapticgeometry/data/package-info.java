/**
 * Datasets and per-run inputs: Fashion-MNIST from IDX files, user image folders, the flat / image /
 * row-sequence views of a batch, seeded subsets of size N = ⌊D^k⌋, and named sub-seeds. Splits and
 * shuffles are driven by explicit seeds only.
 */
package org.synapticgeometry.data;
