package io.atq.results;

import io.atq.contracts.messages.ThresholdMetric;
import org.HdrHistogram.AbstractHistogram;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a set of samples amounts to. Latencies in milliseconds, each within 0.1 % of the exact value (the histogram's
 * 3 significant digits).
 *
 * @param count          samples
 * @param errors         samples the tool counted as failed
 * @param errorRate      errors / count (0 without samples)
 * @param throughput     samples per second over the time from the first sample's start to the last one's end
 * @param minMillis      fastest
 * @param meanMillis     mean
 * @param p50Millis      median
 * @param p90Millis      90th percentile
 * @param p95Millis      95th percentile
 * @param p99Millis      99th percentile
 * @param maxMillis      slowest
 */
public record Figures(long count, long errors, double errorRate, double throughput, double minMillis, double meanMillis,
                      double p50Millis, double p90Millis, double p95Millis, double p99Millis, double maxMillis) {
    /** The figures of no sample at all: every one 0. */
    static final Figures NONE = new Figures(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    static Figures of(Latencies latencies, long errors, long durationMillis) {
        long count = latencies.count();
        if (count == 0) {
            return NONE;
        }
        AbstractHistogram latency = latencies.histogram();
        return new Figures(count, errors, (double) errors / count,
                durationMillis > 0 ? count * 1000.0 / durationMillis : 0,
                millis(latency.getMinValue()), latency.getMean() / 1000.0,
                millis(latency.getValueAtPercentile(50)), millis(latency.getValueAtPercentile(90)),
                millis(latency.getValueAtPercentile(95)), millis(latency.getValueAtPercentile(99)),
                millis(latency.getMaxValue()));
    }

    /** The figure a threshold metric names: latencies in milliseconds, counts as they are. */
    public double value(ThresholdMetric metric) {
        return switch (metric) {
            case MIN -> minMillis;
            case MEAN -> meanMillis;
            case P50 -> p50Millis;
            case P90 -> p90Millis;
            case P95 -> p95Millis;
            case P99 -> p99Millis;
            case MAX -> maxMillis;
            case ERROR_RATE -> errorRate;
            case THROUGHPUT -> throughput;
            case SAMPLES -> count;
            case ERRORS -> errors;
        };
    }

    /** The latencies by their metric names ({@code min, mean, p50, p90, p95, p99, max}, in that order); empty without samples. */
    public Map<String, Double> latencyMillis() {
        Map<String, Double> latency = new LinkedHashMap<>();
        if (count > 0) {
            Arrays.stream(ThresholdMetric.values()).filter(metric -> metric.kind() == ThresholdMetric.Kind.LATENCY)
                    .forEach(metric -> latency.put(metric.jsonName(), value(metric)));
        }
        return Collections.unmodifiableMap(latency);
    }

    static double millis(long micros) {
        return micros / 1000.0;
    }
}
