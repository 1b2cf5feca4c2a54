package org.synapticgeometry.stage;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.synapticgeometry.tracking.TrackedRun;

/**
 * What a running stage gets from {@link Stages#run}: its tracked run (params and tags already logged; the
 * end is not the stage's business), the writer for its progress and notes (stderr of the command), and
 * the place where outputs are recorded.
 *
 * @param run the stage's tracked run
 * @param log progress lines and notes
 */
public record StageContext(TrackedRun run, PrintWriter log) {

    /** Records {@code file} (or a folder's files) as an output of this run: an artifact at the root. */
    public void output(Path file) {
        run.logArtifact(file, "");
    }

    /** Records {@code file} (or a folder's files) as an output of this run under {@code artifactDir}. */
    public void output(Path file, String artifactDir) {
        run.logArtifact(file, artifactDir);
    }

    /** Records {@code file} as an input of this run (its SHA-256 goes into the provenance record). */
    public void input(Path file) {
        run.recordInput(file);
    }
}
