/** The stage score: scores snapshot pairs in every candidate geometry and identifies the geometry per run and scope. */
package org.synapticgeometry.stage.score;
