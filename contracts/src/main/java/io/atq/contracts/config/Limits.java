package io.atq.contracts.config;

import java.time.Duration;

/**
 * Bounds on what a request may ask for.
 *
 * @param maxReplicas      most workers one task may have (1–1000)
 * @param maxTimeout       longest task timeout (at most 7 days, the task log's retention)
 * @param defaultResources limits of every container whose image sets none (and of the probe)
 * @param maxResources     no image may set more than this
 */
public record Limits(int maxReplicas, Duration maxTimeout, Resources defaultResources, Resources maxResources) {
    /** Limits with the built-in default and maximum container resources. */
    public Limits(int maxReplicas, Duration maxTimeout) {
        this(maxReplicas, maxTimeout, Resources.DEFAULT, Resources.MAXIMUM);
    }

    /** The timeout of a request that names none: 30 minutes, or {@link #maxTimeout} when that is shorter. */
    public Duration defaultTimeout() {
        Duration thirty = Duration.ofMinutes(30);
        return maxTimeout.compareTo(thirty) < 0 ? maxTimeout : thirty;
    }
}
