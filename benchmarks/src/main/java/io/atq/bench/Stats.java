package io.atq.bench;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Summary of a set of durations (nanoseconds): exact nearest-rank percentiles over the sorted samples (the runs are
 * small enough to keep every sample, so no histogram approximation is needed).
 */
public record Stats(int count, long min, long p50, long p90, long p99, long max, double mean) {

    /** The summary of {@code nanos}; every figure is 0 when there are none. */
    public static Stats of(long[] nanos) {
        if (nanos.length == 0) {
            return new Stats(0, 0, 0, 0, 0, 0, 0);
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (long n : sorted) {
            sum += n;
        }
        return new Stats(sorted.length, sorted[0], percentile(sorted, 50), percentile(sorted, 90), percentile(sorted, 99),
                sorted[sorted.length - 1], sum / sorted.length);
    }

    public static Stats of(Collection<Long> nanos) {
        return of(nanos.stream().mapToLong(Long::longValue).toArray());
    }

    /**
     * Nearest-rank percentile of sorted samples: the smallest sample with at least {@code pct}% of the samples at or
     * below it (so the p99 of 10 samples is the largest one, never an interpolation between two).
     */
    static long percentile(long[] sorted, double pct) {
        if (pct <= 0) {
            return sorted[0];
        }
        int rank = (int) Math.ceil(pct / 100.0 * sorted.length);
        return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
    }

    public double p50Ms() {
        return p50 / 1e6;
    }

    public double p99Ms() {
        return p99 / 1e6;
    }

    /** Milliseconds, for the raw-numbers file. */
    public Map<String, Object> toMillis() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", count);
        m.put("min_ms", min / 1e6);
        m.put("p50_ms", p50 / 1e6);
        m.put("p90_ms", p90 / 1e6);
        m.put("p99_ms", p99 / 1e6);
        m.put("max_ms", max / 1e6);
        m.put("mean_ms", mean / 1e6);
        return m;
    }
}
