package org.synapticgeometry.regress;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The headline figures of one reproduction, per run, and where they came from.
 *
 * @param source the folder (or MLflow run) read, for messages
 * @param figures per cell, one value per run (NaN where a run's value is not finite; identification: 1 when
 *     the run was identified as its trained potential, else 0)
 * @param identifiedAs per identification cell, how many runs were identified as each candidate ({@code none}
 *     when nothing could be identified)
 * @param failedRuns per (architecture, trained potential) label {@code "<arch> trained=<p>"}, the reasons of
 *     runs the score stage listed as failed (they have no figures)
 * @param provenance experiment, commits, params and timing of the stage runs found
 */
public record Results(String source, SortedMap<Cell, List<Double>> figures,
        Map<Cell, SortedMap<String, Integer>> identifiedAs, Map<String, List<String>> failedRuns,
        RunProvenance provenance) {

    /** Copies the collections. */
    public Results {
        SortedMap<Cell, List<Double>> copy = new TreeMap<>();
        figures.forEach((c, v) -> copy.put(c, List.copyOf(v)));
        figures = java.util.Collections.unmodifiableSortedMap(copy);
        identifiedAs = Map.copyOf(identifiedAs);
        failedRuns = Map.copyOf(failedRuns);
    }

    /** The figures of a results folder (see {@link ResultsFolder#read}). */
    public static Results of(Path folder) {
        return ResultsFolder.read(folder);
    }

    /** The label under which {@link #failedRuns} groups runs. */
    static String runGroup(String architecture, String trained) {
        return architecture + " trained=" + trained;
    }
}
