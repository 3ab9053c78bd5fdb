package io.atq.gateway.directors;

import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.time.Instant;

/**
 * One director's load as its latest heartbeat reported it.
 *
 * @param directorId     the director
 * @param runningTasks   tasks it runs now
 * @param maxTasks       tasks it may run at once
 * @param clusterWorkers worker replicas of the instance in the swarm, as it counts them
 * @param maxWorkers     the instance's worker limit
 * @param intakePaused   why it takes no requests, or null while it takes them
 * @param heardAt        when this gateway heard the heartbeat
 * @param lease          the director's lease (silence after which it counts as gone), or null when its heartbeat
 *                       did not say (a director of an older version)
 */
public record DirectorLoad(String directorId, int runningTasks, int maxTasks, int clusterWorkers, int maxWorkers,
                           @Nullable String intakePaused, Instant heardAt, @Nullable Duration lease) {

    /** Its lease, or {@link QueuedReasons#DEFAULT_LEASE} when its heartbeat did not say. */
    public Duration effectiveLease() {
        return lease == null ? QueuedReasons.DEFAULT_LEASE : lease;
    }

    /** Every task slot taken. */
    public boolean full() {
        return runningTasks >= maxTasks;
    }

    /** Whether {@code workers} more would exceed the worker limit. */
    public boolean lacksWorkersFor(int workers) {
        return clusterWorkers + workers > maxWorkers;
    }
}
