/**
 * Geometry from measured synapse sizes (paper Sec. 4.4): the change model
 * w = (∇φ)⁻¹(∇φ(c_j) + ξ), ξ ~ N(0, σ²), with K discrete initial states c_j, its change-of-variables
 * density under each candidate potential, maximum-likelihood fits with several starts, standard
 * errors and bootstrap intervals, goodness of fit (KS distance, mass on impossible negative sizes),
 * the ranking of candidates by BIC, joint fits of unpaired before/after samples, paired data scored
 * through {@code stats.DualChange}, and the figures and tables of {@code sgeo fit-sizes}.
 * Reading size tables (CSV) lives here too. No DJL here.
 */
package org.synapticgeometry.synapse;
