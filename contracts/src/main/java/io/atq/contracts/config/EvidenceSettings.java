package io.atq.contracts.config;

import java.time.Duration;

/**
 * What is kept of a task after it ends (logs of every role, the master's {@code /atq/results}).
 *
 * @param retention how long after the task ends its evidence is kept, then removed
 * @param stopGracePeriod how long a container gets between SIGTERM and SIGKILL on cancel or timeout
 */
public record EvidenceSettings(Duration retention, Duration stopGracePeriod) {
    /** Kept 7 days; 10 s between SIGTERM and SIGKILL. */
    public static final EvidenceSettings DEFAULT = new EvidenceSettings(Duration.ofDays(7), Duration.ofSeconds(10));
}
