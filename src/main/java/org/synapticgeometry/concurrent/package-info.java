/** Work done on other threads: results and failures as the work produced them, and ranges split over the common pool. */
package org.synapticgeometry.concurrent;
