/**
 * Mirror-descent potentials in plain scalar math: value, dual map, inverse, second derivative,
 * Bregman divergence, and the parser of potential names. A potential family is one class here;
 * packages with faster forms of the maps ({@code optim}, {@code stats}) each keep one registry, a
 * {@link org.synapticgeometry.geometry.Potential.Visitor}. No DJL here: this is the reference that
 * those forms are tested against.
 */
package org.synapticgeometry.geometry;
