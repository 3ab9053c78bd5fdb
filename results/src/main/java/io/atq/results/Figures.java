package io.atq.results;

import org.HdrHistogram.Histogram;

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

    static Figures of(Histogram latency, long errors, long durationMillis) {
        long count = latency.getTotalCount();
        if (count == 0) {
            return new Figures(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        }
        return new Figures(count, errors, (double) errors / count,
                durationMillis > 0 ? count * 1000.0 / durationMillis : 0,
                millis(latency.getMinValue()), latency.getMean() / 1000.0,
                millis(latency.getValueAtPercentile(50)), millis(latency.getValueAtPercentile(90)),
                millis(latency.getValueAtPercentile(95)), millis(latency.getValueAtPercentile(99)),
                millis(latency.getMaxValue()));
    }

    private static double millis(long micros) {
        return micros / 1000.0;
    }
}
