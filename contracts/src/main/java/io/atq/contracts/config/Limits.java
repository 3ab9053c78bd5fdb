package io.atq.contracts.config;

import java.time.Duration;

/**
 * Bounds on what a request may ask for.
 *
 * @param maxReplicas most workers one task may have (1–1000)
 * @param maxTimeout  longest task timeout (at most 7 days, the task log's retention)
 */
public record Limits(int maxReplicas, Duration maxTimeout) {
    /** The timeout of a request that names none: 30 minutes, or {@link #maxTimeout} when that is shorter. */
    public Duration defaultTimeout() {
        Duration thirty = Duration.ofMinutes(30);
        return maxTimeout.compareTo(thirty) < 0 ? maxTimeout : thirty;
    }
}
