package io.atq.gateway.problems;

import java.time.Duration;

/**
 * How long a client should wait before retrying a refusal that can pass later (429, 503), sent as {@code Retry-After}.
 *
 * @param delay at least one second (the header counts whole seconds)
 */
public record RetryAfter(Duration delay) {
    public RetryAfter {
        if (delay == null || delay.toSeconds() < 1) {
            throw new IllegalArgumentException("Retry-After must be at least 1 second, was " + delay);
        }
    }

    /** The header's value: whole seconds. */
    public long seconds() {
        return delay.toSeconds();
    }
}
