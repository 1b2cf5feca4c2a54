/**
 * Statistics of weight changes: ΔCDF (exact and paper-grid), change magnitude, other normality
 * statistics, identification of the geometry and its confidence. No DJL here.
 */
package org.synapticgeometry.stats;
