package io.atq.results;

import java.time.Instant;

/**
 * The requests that started within one step of a results time series ({@link Samples#seriesResolutionSeconds()} long,
 * one second unless the run was too long to keep every second).
 *
 * @param start     the step's start, a whole multiple of the resolution since the epoch
 * @param requests  requests that started in the step
 * @param errors    of those, how many the tool counted as failed
 * @param p95Millis their 95th percentile latency in milliseconds, within 1 % (2 significant digits); 0 without requests
 */
public record SeriesPoint(Instant start, long requests, long errors, double p95Millis) {
}
