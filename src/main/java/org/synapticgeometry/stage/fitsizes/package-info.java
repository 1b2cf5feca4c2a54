/** The stage fit-sizes: fits each geometry'\''s change model to measured synapse sizes (paper Sec. 4.4). */
package org.synapticgeometry.stage.fitsizes;
