package io.atq.results;

/**
 * One request as a results file records it.
 *
 * @param timestampMillis when it started, epoch milliseconds
 * @param elapsedMicros   how long it took, in microseconds (JTL's {@code elapsed} is in milliseconds)
 * @param label           the sampler or request name
 * @param success         whether the tool counted it as a success
 */
public record Sample(long timestampMillis, long elapsedMicros, String label, boolean success) {
}
