package io.atq.contracts.messages;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The headline of a task's results as the director measured them: the samples of every results file the master and
 * the workers wrote, merged exactly (the whole summary, per label and per second, is served by
 * {@code GET /v1/tasks/{id}/summary}), and the outcome of every threshold. Carried by the terminal
 * {@link TaskPhaseChanged}.
 *
 * @param samples    requests read from every file
 * @param errors     of those, how many the tool counted as failed
 * @param errorRate  errors / samples (0 without samples)
 * @param throughput samples per second, from the first sample's start to the last one's end
 * @param latencyMs  {@code min}, {@code mean}, {@code p50}, {@code p90}, {@code p95}, {@code p99}, {@code max} in
 *                   milliseconds (empty without samples)
 * @param filesRead  results files read
 * @param unreadable one sentence per results file that could not be read ({@code "results/a.jtl: ..."}): its samples
 *                   are not counted
 * @param thresholds every threshold's outcome, in the request's order; empty when the task set none
 */
public record ResultsHeadline(long samples, long errors, double errorRate, double throughput, Map<String, Double> latencyMs,
                              int filesRead, List<String> unreadable, List<ThresholdOutcome> thresholds) {
    public ResultsHeadline {
        latencyMs = latencyMs == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(latencyMs));
        unreadable = unreadable == null ? List.of() : List.copyOf(unreadable);
        thresholds = thresholds == null ? List.of() : List.copyOf(thresholds);
    }

    /** Whether every threshold held (true when there are none). */
    public boolean thresholdsPassed() {
        return thresholds.stream().allMatch(ThresholdOutcome::passed);
    }
}
