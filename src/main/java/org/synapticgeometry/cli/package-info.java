/** The {@code sgeo} command line (picocli): parse, validate, call a stage, map failures to exit codes. */
package org.synapticgeometry.cli;
