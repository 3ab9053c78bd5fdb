package io.atq.director.orchestration;

import org.jspecify.annotations.Nullable;

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
                          long maxLogBytes, @Nullable String sharedFolderNodeLabel) {
    /** The default cap of a log file: 64 MiB. */
    public static final long DEFAULT_MAX_LOG_BYTES = 64L * 1024 * 1024;

    /** Settings with the default log cap. */
    public RunSettings(String instance, String directorId, Duration pollInterval, Duration stopGracePeriod,
                       Duration workersRunning, Duration discovery, Duration masterStart, Duration cleanup) {
        this(instance, directorId, pollInterval, stopGracePeriod, workersRunning, discovery, masterStart, cleanup,
                DEFAULT_MAX_LOG_BYTES, null);
    }

    /** Settings without a shared-folder node label: task containers that bind the shared folder may run on any node. */
    public RunSettings(String instance, String directorId, Duration pollInterval, Duration stopGracePeriod,
                       Duration workersRunning, Duration discovery, Duration masterStart, Duration cleanup, long maxLogBytes) {
        this(instance, directorId, pollInterval, stopGracePeriod, workersRunning, discovery, masterStart, cleanup, maxLogBytes, null);
    }

    /**
     * The placement constraint of a container that binds the shared folder ({@code node.labels.<label>==true}), when
     * the operator marks the nodes that mount it; empty otherwise.
     */
    public java.util.Optional<String> sharedFolderConstraint() {
        return java.util.Optional.ofNullable(sharedFolderNodeLabel).map(label -> "node.labels." + label + "==true");
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
        if (sharedFolderNodeLabel != null && !sharedFolderNodeLabel.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException("sharedFolderNodeLabel must be a node label key (letters, digits, '.', '_', '-'), was '"
                    + sharedFolderNodeLabel + "'");
        }
        if (maxLogBytes < 1) {
            throw new IllegalArgumentException("maxLogBytes must be positive, was " + maxLogBytes);
        }
    }
}
