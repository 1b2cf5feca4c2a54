/** Weight snapshots: reading and writing NPY/NPZ (numpy's formats) and CSV pairs, layer selection. */
package org.synapticgeometry.snapshot;
