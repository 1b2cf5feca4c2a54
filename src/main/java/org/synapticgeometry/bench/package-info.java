/**
 * The benchmark suites of {@code sgeo bench} (optimizer step, ΔCDF, whole-pair scoring) and their runner.
 * Every suite prints times with ratios against a baseline measured in the same process.
 */
package org.synapticgeometry.bench;
