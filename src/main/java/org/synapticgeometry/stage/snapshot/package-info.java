/** The stage snapshot: writes the scored weights of a checkpoint as NPZ with a JSON description. */
package org.synapticgeometry.stage.snapshot;
