package io.atq.contracts.config;

import java.time.Duration;

/**
 * What is kept of a task after it ends (logs of every role, the master's {@code /atq/results}), and the room the shared
 * folder must have for it.
 *
 * @param retention how long after the task ends its evidence is kept, then removed
 * @param stopGracePeriod how long a container gets between SIGTERM and SIGKILL on cancel or timeout
 * @param minFreeBytes free space the shared folder must keep: below it health is DOWN and directors take no new tasks
 *                     (a task whose evidence cannot be written would only report a verdict without its logs)
 */
public record EvidenceSettings(Duration retention, Duration stopGracePeriod, long minFreeBytes) {
    /** 256 MiB: the logs of a few tasks at their cap, plus room for bundles in flight. */
    public static final long DEFAULT_MIN_FREE_BYTES = 256L * 1024 * 1024;
    /** Kept 7 days; 10 s between SIGTERM and SIGKILL; 256 MiB kept free. */
    public static final EvidenceSettings DEFAULT = new EvidenceSettings(Duration.ofDays(7), Duration.ofSeconds(10), DEFAULT_MIN_FREE_BYTES);

    /** Retention and grace period with the default free-space floor. */
    public EvidenceSettings(Duration retention, Duration stopGracePeriod) {
        this(retention, stopGracePeriod, DEFAULT_MIN_FREE_BYTES);
    }
}
