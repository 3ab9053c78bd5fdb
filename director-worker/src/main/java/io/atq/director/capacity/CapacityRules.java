package io.atq.director.capacity;

import java.util.Optional;

/**
 * The capacity decisions, pure: whether this director should consume the request queue, and whether a task fits.
 * A director that may not take a task must not take its message at all: waiting happens in the broker's queue.
 */
public final class CapacityRules {
    private CapacityRules() {
    }

    /**
     * Why this director should not consume requests now, or empty when it may.
     * The texts are shown to clients (a QUEUED task's {@code queuedReason}), so they name the numbers.
     */
    public static Optional<String> pauseReason(Load load) {
        if (load.freeSlots() == 0) {
            return Optional.of("at capacity (" + load.runningTasks() + "/" + load.maxTasks() + " tasks)");
        }
        if (load.freeWorkers() == 0) {
            return Optional.of(workerLimit(load.clusterWorkers(), load.maxWorkers(), 0));
        }
        if (load.waitingNeed() > load.freeWorkers()) {
            // The last task handed back needs more than the swarm has free: taking it again would only hand it back again.
            return Optional.of(workerLimit(load.clusterWorkers(), load.maxWorkers(), load.waitingNeed()));
        }
        return Optional.empty();
    }

    /** Whether a task of {@code replicas} workers fits into the swarm now. */
    public static boolean fits(Load load, int replicas) {
        return replicas <= load.freeWorkers();
    }

    /** "worker limit reached: 198/200 running, needs 3" (without the need when {@code needs} is 0). */
    public static String workerLimit(int workers, int maxWorkers, int needs) {
        return "worker limit reached: " + workers + "/" + maxWorkers + " running" + (needs > 0 ? ", needs " + needs : "");
    }
}
