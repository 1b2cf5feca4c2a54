/**
 * File contracts shared by every stage: atomic writes (temporary file + rename) and writability checks,
 * and the CSV reader used for every table.
 */
package org.synapticgeometry.files;
