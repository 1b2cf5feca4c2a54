/** Waiting for work done on other threads: results and failures as the work produced them. */
package org.synapticgeometry.concurrent;
