package io.atq.contracts.messages;

import org.jspecify.annotations.Nullable;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the master said about its run, read from the {@code results/summary.json} it wrote (see docs/api.md, "Result
 * summary"). Every figure is optional: a master fills in what its tool measures. Carried by the terminal
 * {@link TaskPhaseChanged}; it never changes the verdict (the master's exit code does).
 *
 * @param samples    requests (or iterations) made
 * @param errors     of those, how many failed
 * @param throughput samples per second over the run
 * @param latencyMs  latency percentiles in milliseconds, by name ({@code p50}, {@code p90}, {@code p95}, {@code p99},
 *                   {@code max}, ...)
 * @param metrics    any other named numbers the test wants shown ({@code checkout_ok_ratio}, ...)
 */
public record ResultSummary(@Nullable Long samples, @Nullable Long errors, @Nullable Double throughput,
                            Map<String, Double> latencyMs, Map<String, Double> metrics) {
    public ResultSummary {
        latencyMs = latencyMs == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(latencyMs));
        metrics = metrics == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(metrics));
    }
}
