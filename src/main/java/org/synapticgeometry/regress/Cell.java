package org.synapticgeometry.regress;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * What one headline figure is about. Unused coordinates are null: identification has no size and no
 * candidate, ΔCDF has no scope (it is the pooled scope), accuracy has only architecture and potential.
 *
 * @param kind the figure's kind
 * @param architecture architecture ({@code linear} for linear regression)
 * @param size number of scored weights (ΔCDF only)
 * @param trained the trained potential
 * @param candidate the candidate geometry (ΔCDF only)
 * @param scope {@code pooled}, {@code standardized} or {@code layer:<name>} (identification only)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Cell(FigureKind kind, String architecture, Long size, String trained, String candidate, String scope)
        implements Comparable<Cell> {

    /** Checks the coordinates the kind needs. */
    public Cell {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(trained, "trained");
        if (kind == FigureKind.DELTA_CDF && (size == null || candidate == null)) {
            throw new IllegalArgumentException("a delta_cdf figure needs size and candidate");
        }
        if (kind == FigureKind.IDENTIFICATION && scope == null) {
            throw new IllegalArgumentException("an identification figure needs scope");
        }
    }

    /** Identification of {@code trained} runs of {@code architecture} in one scope. */
    public static Cell identification(String architecture, String trained, String scope) {
        return new Cell(FigureKind.IDENTIFICATION, architecture, null, trained, null, scope);
    }

    /** Pooled ΔCDF of {@code trained} runs of {@code architecture} with {@code size} weights in one candidate space. */
    public static Cell deltaCdf(String architecture, long size, String trained, String candidate) {
        return new Cell(FigureKind.DELTA_CDF, architecture, size, trained, candidate, null);
    }

    /** Final test accuracy of {@code trained} fine-tuning runs of {@code architecture}. */
    public static Cell testAccuracy(String architecture, String trained) {
        return new Cell(FigureKind.TEST_ACCURACY, architecture, null, trained, null, null);
    }

    /** The figure's name in reports, e.g. {@code delta_cdf linear n=100 trained=2-norm candidate=3-norm}. */
    @JsonIgnore
    public String name() {
        return switch (kind) {
            case IDENTIFICATION -> kind.key() + " " + architecture + " trained=" + trained + " scope=" + scope;
            case DELTA_CDF -> kind.key() + " " + architecture + " n=" + size + " trained=" + trained
                    + " candidate=" + candidate;
            case TEST_ACCURACY -> kind.key() + " " + architecture + " trained=" + trained;
        };
    }

    /** True for a ΔCDF in the run's own (trained) geometry, the paper's headline score. */
    @JsonIgnore
    public boolean ownGeometry() {
        return kind == FigureKind.DELTA_CDF && candidate.equals(trained);
    }

    @Override
    public int compareTo(Cell o) {
        int k = kind.compareTo(o.kind);
        if (k != 0) {
            return k;
        }
        int a = architecture.compareTo(o.architecture);
        if (a != 0) {
            return a;
        }
        int s = Long.compare(size == null ? 0 : size, o.size == null ? 0 : o.size);
        return s != 0 ? s : name().compareTo(o.name());
    }

    @Override
    public String toString() {
        return name();
    }
}
