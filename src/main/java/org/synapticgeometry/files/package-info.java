/** File handling shared by every stage: atomic writes (temporary file + rename) and writability checks. */
package org.synapticgeometry.files;
