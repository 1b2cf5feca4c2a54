package org.synapticgeometry.workflow;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.synapticgeometry.files.AtomicFiles;
import org.synapticgeometry.tracking.Provenance;
import org.synapticgeometry.tracking.RunStatus;
import org.synapticgeometry.tracking.Tracking;
import org.synapticgeometry.tracking.TrackingConfig;
import org.synapticgeometry.tracking.TrackingKeys;

/**
 * The parent tracking run of one {@code sgeo run}, with a note of it in the launch folder
 * ({@value #NOTES}{@code /<run name>.properties}: run id, tracking URI, launcher process) while it
 * is open. A launcher killed with SIGKILL cannot end its run; the next {@code sgeo run} in the same
 * folder finds the notes of launchers that are gone and ends their runs KILLED. The run is also
 * tagged with the launcher's process, so {@code sgeo tracking sync} repairs it the same way.
 */
final class ParentRun {
    /** The folder of the notes, in Nextflow's own folder of the launch folder. */
    static final String NOTES = ".nextflow/sgeo-parent-runs";
    private static final String ID = "run_id";
    private static final String URI = "tracking_uri";
    private static final String PROCESS = "process";

    private final TrackingConfig config;
    private final String id;
    private final Path note;

    private ParentRun(TrackingConfig config, String id, Path note) {
        this.config = config;
        this.id = id;
        this.note = note;
    }

    /**
     * Ends the run a killed launcher left open in {@code launchDir} (if any), then starts this
     * launch's parent run and notes it.
     */
    static ParentRun start(TrackingConfig config, Map<String, String> env, Path launchDir, String runName,
            Map<String, String> tags, Map<String, String> params, PrintWriter err) {
        Path notes = launchDir.resolve(NOTES);
        if (Files.isDirectory(notes)) {
            try (var files = Files.list(notes)) {
                files.filter(f -> f.getFileName().toString().endsWith(".properties"))
                        .forEach(f -> endLeftOver(f, env, err));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + notes, e);
            }
        }
        Path note = notes.resolve(runName + ".properties");
        Map<String, String> all = new HashMap<>(tags);
        String process = Provenance.processId();
        all.put(TrackingKeys.PROCESS, process);
        String id = Tracking.startParent(config, runName, all, params);
        Properties p = new Properties();
        p.setProperty(ID, id);
        p.setProperty(URI, config.uri().display());
        p.setProperty(PROCESS, process);
        try {
            Files.createDirectories(note.getParent());
            var text = new java.io.StringWriter();
            p.store(text, "the parent run of a running sgeo run (removed when it ends)");
            AtomicFiles.writeString(note, text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + note, e);
        }
        return new ParentRun(config, id, note);
    }

    /** The run's id. */
    String id() {
        return id;
    }

    /** Ends the run with {@code status} and removes the note. */
    void end(RunStatus status) {
        Tracking.endRun(config.withRunContext(config.experiment(), null), id, status);
        try {
            Files.deleteIfExists(note);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + note, e);
        }
    }

    private static void endLeftOver(Path note, Map<String, String> env, PrintWriter err) {
        if (!Files.isRegularFile(note)) {
            return;
        }
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(note)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + note, e);
        }
        String id = p.getProperty(ID, "");
        if (!Provenance.processGone(p.getProperty(PROCESS)).orElse(false)) {
            return;   // its launcher is still running (or ran on another host)
        }
        Map<String, String> then = new HashMap<>(env);
        then.put(TrackingKeys.ENV_URI, p.getProperty(URI, ""));
        TrackingConfig config = TrackingConfig.fromEnv(then);
        try {
            Tracking.endRun(config.withRunContext(config.experiment(), null), id, RunStatus.KILLED);
            err.println("sgeo run: the parent run " + id + " of a launcher killed earlier in this folder was left"
                    + " RUNNING; marked KILLED");
        } catch (RuntimeException e) {
            err.println("sgeo run: warning: could not end the parent run " + id + " a killed launcher left RUNNING ("
                    + e.getMessage() + "); `sgeo tracking sync` repairs it");
        }
        try {
            Files.deleteIfExists(note);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + note, e);
        }
    }
}
