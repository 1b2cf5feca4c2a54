package org.synapticgeometry.tracking;

/**
 * One metric value as MLflow stores it.
 *
 * @param key metric name
 * @param value any double, NaN and infinities included
 * @param timestamp epoch milliseconds
 * @param step step (epoch) of the value
 */
public record MetricPoint(String key, double value, long timestamp, long step) {

    /** True if both points carry the same key, step, timestamp and value (NaN equals NaN). */
    public boolean sameAs(MetricPoint o) {
        return key.equals(o.key) && step == o.step && timestamp == o.timestamp
                && Double.compare(value, o.value) == 0;
    }
}
