package io.atq.director.orchestration;

import java.time.Duration;
import java.util.Objects;

/**
 * How a director runs tasks.
 *
 * @param instance        value of the {@code atq.instance} label on everything it creates
 * @param directorId      value of the {@code atq.owner} label and of every event's {@code director}
 * @param pollInterval    pause between two looks at Swarm
 * @param stopGracePeriod the containers' StopGracePeriod
 * @param workersRunning  longest wait until every worker replica runs
 * @param discovery       longest wait until the probe found every worker
 * @param masterStart     longest wait until the master runs
 * @param cleanup         longest time removal may take
 * @param maxLogBytes     the most bytes kept of each log file of a task (then one line says what was left out)
 */
public record RunSettings(String instance, String directorId, Duration pollInterval, Duration stopGracePeriod,
                          Duration workersRunning, Duration discovery, Duration masterStart, Duration cleanup,
                          long maxLogBytes) {
    /** The default cap of a log file: 64 MiB. */
    public static final long DEFAULT_MAX_LOG_BYTES = 64L * 1024 * 1024;

    /** Settings with the default log cap. */
    public RunSettings(String instance, String directorId, Duration pollInterval, Duration stopGracePeriod,
                       Duration workersRunning, Duration discovery, Duration masterStart, Duration cleanup) {
        this(instance, directorId, pollInterval, stopGracePeriod, workersRunning, discovery, masterStart, cleanup,
                DEFAULT_MAX_LOG_BYTES);
    }

    public RunSettings {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(directorId, "directorId");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(stopGracePeriod, "stopGracePeriod");
        Objects.requireNonNull(workersRunning, "workersRunning");
        Objects.requireNonNull(discovery, "discovery");
        Objects.requireNonNull(masterStart, "masterStart");
        Objects.requireNonNull(cleanup, "cleanup");
        if (maxLogBytes < 1) {
            throw new IllegalArgumentException("maxLogBytes must be positive, was " + maxLogBytes);
        }
    }
}
