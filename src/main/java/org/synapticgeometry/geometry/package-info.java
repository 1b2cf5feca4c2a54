/**
 * Mirror-descent potentials in plain scalar math: value, dual map, inverse, Bregman divergence,
 * and the parser of potential names. No DJL here: this is the reference that the vectorised
 * {@code optim} versions are tested against.
 */
package org.synapticgeometry.geometry;
