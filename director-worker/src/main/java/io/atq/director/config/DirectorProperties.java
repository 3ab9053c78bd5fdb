package io.atq.director.config;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The director's settings (prefix {@code atq}). Checked when bound: a bad value stops start-up with a message that
 * names the property and the allowed range.
 *
 * @param config     path of the shared YAML configuration ({@code ATQ_CONFIG}); blank: the embedded default
 * @param instance   name of this ATQ system: the {@code atq.instance} label on every Swarm object ({@code ATQ_INSTANCE})
 * @param directorId this director's id: the {@code atq.owner} label and every event's {@code director}; blank: {@code <hostname>-<pid>}
 * @param docker     how to reach Docker
 * @param director   how tasks run
 */
@ConfigurationProperties("atq")
public record DirectorProperties(@Nullable String config,
                                 @DefaultValue("atq") String instance,
                                 String directorId,
                                 @DefaultValue Docker docker,
                                 @DefaultValue Director director) {
    // Label values and name parts: keep them short and plain.
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,62}");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.@-]{0,127}");

    public DirectorProperties {
        if (instance == null || !NAME.matcher(instance).matches()) {
            throw new IllegalArgumentException("atq.instance must be 1-63 lower-case letters, digits, '.', '_' or '-', was '" + instance + "'");
        }
        if (directorId == null || directorId.isBlank()) {
            directorId = defaultDirectorId();
        } else if (!ID.matcher(directorId).matches()) {
            throw new IllegalArgumentException("atq.director-id must be 1-128 letters, digits, '.', '_', '@' or '-', was '" + directorId + "'");
        }
    }

    /**
     * Docker connection.
     *
     * @param host the engine's address, e.g. {@code unix:///var/run/docker.sock} or {@code tcp://manager:2375}
     */
    public record Docker(@DefaultValue("unix:///var/run/docker.sock") String host) {
        public Docker {
            if (host == null || !(host.startsWith("unix://") || host.startsWith("tcp://") || host.startsWith("npipe://"))) {
                throw new IllegalArgumentException("atq.docker.host must start with unix://, tcp:// or npipe://, was '" + host + "'");
            }
        }
    }

    /**
     * How tasks run.
     *
     * @param maxConcurrentTasks most tasks this director deploys at once (1-1000), overriding the shared YAML's
     *                           {@code capacity.maxTasksPerDirector} for this process; unset: the YAML's value. It takes
     *                           no request while full
     * @param pollInterval       pause between two looks at Swarm while waiting (10ms-10s)
     * @param stopGracePeriod    unset: the shared YAML's {@code evidence.stopGracePeriod}; set: overrides it for this
     *                           director (0-5m) — the containers' StopGracePeriod, and how long a cancelled or timed-out
     *                           master gets between SIGTERM and SIGKILL
     * @param deadlines          the longest each waiting step may take
     * @param reaper             heartbeats, leases and the reconciler that removes leaks and takes over orphans
     * @param sharedFolderNodeLabel a node label the operator sets to {@code true} on every node that mounts the shared
     *                           folder (e.g. {@code atq.shared}): a task container that binds the shared folder (every
     *                           master, workers with a bundle) then runs only on such nodes, and health lists the nodes
     *                           without it; unset or blank: any node (every node must mount it)
     */
    public record Director(@Nullable Integer maxConcurrentTasks,
                           @DefaultValue("200ms") Duration pollInterval,
                           @Nullable Duration stopGracePeriod,
                           @DefaultValue Deadlines deadlines,
                           @DefaultValue Reaper reaper,
                           @Nullable String sharedFolderNodeLabel) {
        public Director {
            if (sharedFolderNodeLabel != null && sharedFolderNodeLabel.isBlank()) {
                sharedFolderNodeLabel = null;
            }
            if (maxConcurrentTasks != null && (maxConcurrentTasks < 1 || maxConcurrentTasks > 1000)) {
                throw new IllegalArgumentException("atq.director.max-concurrent-tasks must be between 1 and 1000, was " + maxConcurrentTasks);
            }
            requireBetween("atq.director.poll-interval", pollInterval, Duration.ofMillis(10), Duration.ofSeconds(10));
            if (stopGracePeriod != null) {
                requireBetween("atq.director.stop-grace-period", stopGracePeriod, Duration.ZERO, Duration.ofMinutes(5));
            }
        }
    }

    /**
     * Ownership leases and the reaper.
     *
     * @param interval      pause between two reaper passes (1s-1h); leaks go within two intervals
     * @param heartbeat     pause between two heartbeats of this director (100ms-1m, less than half the lease)
     * @param lease         how long a director counts as alive after its last heartbeat (1s-10m)
     * @param deadlineGrace how long past a task's deadline its live owner may still be finishing (0-1h)
     */
    public record Reaper(@DefaultValue("30s") Duration interval,
                         @DefaultValue("5s") Duration heartbeat,
                         @DefaultValue("15s") Duration lease,
                         @DefaultValue("2m") Duration deadlineGrace) {
        public Reaper {
            requireBetween("atq.director.reaper.interval", interval, Duration.ofSeconds(1), Duration.ofHours(1));
            requireBetween("atq.director.reaper.lease", lease, Duration.ofSeconds(1), Duration.ofMinutes(10));
            requireBetween("atq.director.reaper.heartbeat", heartbeat, Duration.ofMillis(100), lease.dividedBy(2));
            requireBetween("atq.director.reaper.deadline-grace", deadlineGrace, Duration.ZERO, Duration.ofHours(1));
        }
    }

    /**
     * Phase budgets; each is also bounded by the task's own deadline (requestedAt + timeout), which alone bounds RUNNING.
     *
     * @param workersRunning until every worker replica runs (1s-1h)
     * @param discovery      until the probe reached every worker (1s-1h)
     * @param masterStart    until the master runs (1s-1h)
     * @param cleanup        for removing the task's services and network after its terminal phase (1s-1h)
     */
    public record Deadlines(@DefaultValue("2m") Duration workersRunning,
                            @DefaultValue("2m") Duration discovery,
                            @DefaultValue("2m") Duration masterStart,
                            @DefaultValue("1m") Duration cleanup) {
        public Deadlines {
            requireBetween("atq.director.deadlines.workers-running", workersRunning, Duration.ofSeconds(1), Duration.ofHours(1));
            requireBetween("atq.director.deadlines.discovery", discovery, Duration.ofSeconds(1), Duration.ofHours(1));
            requireBetween("atq.director.deadlines.master-start", masterStart, Duration.ofSeconds(1), Duration.ofHours(1));
            requireBetween("atq.director.deadlines.cleanup", cleanup, Duration.ofSeconds(1), Duration.ofHours(1));
        }
    }

    private static void requireBetween(String property, Duration value, Duration min, Duration max) {
        if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(property + " must be between " + min + " and " + max + ", was " + value);
        }
    }

    private static String defaultDirectorId() {
        // No InetAddress.getLocalHost(): it may ask DNS. The kernel's host name is enough.
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = Files.readString(Path.of("/etc/hostname")).strip();
            } catch (IOException | RuntimeException e) {
                host = "";
            }
        }
        if (host.isBlank()) {
            host = "director";
        }
        return host.replaceAll("[^A-Za-z0-9_.-]", "-") + "-" + ProcessHandle.current().pid();
    }
}
