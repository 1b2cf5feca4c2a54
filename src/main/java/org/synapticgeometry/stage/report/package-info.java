/** The stage report: builds the HTML report and summary from score folders. */
package org.synapticgeometry.stage.report;
