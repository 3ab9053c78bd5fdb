package io.atq.contracts.messages;

import org.jspecify.annotations.Nullable;

/**
 * Whether one threshold held, measured on the task's merged results.
 *
 * @param threshold the threshold as requested
 * @param measured  the value measured (latencies in milliseconds); {@code null} when it could not be (no samples, no
 *                  sample with that label): the threshold then counts as breached, a gate fails closed
 * @param passed    whether it held
 * @param message   one sentence naming the threshold and the value: {@code "p95 of all samples below 500.0 ms: was
 *                  612.0 ms"}
 */
public record ThresholdOutcome(Threshold threshold, @Nullable Double measured, boolean passed, String message) {
}
