package io.atq.director.capacity;

/**
 * What this director knows about load at one moment: its own task slots and the swarm's worker containers.
 *
 * @param runningTasks   tasks this director has deployed (taken and not yet ended)
 * @param maxTasks       most tasks this director deploys at once
 * @param clusterWorkers worker replicas of this ATQ instance in the swarm (Swarm service specs), plus the workers of
 *                       tasks this director took whose worker service the last count did not see yet
 * @param maxWorkers     most worker replicas of this instance in the swarm
 * @param waitingNeed    workers of the last request this director handed back because they did not fit; 0 = none
 */
public record Load(int runningTasks, int maxTasks, int clusterWorkers, int maxWorkers, int waitingNeed) {

    /** Task slots still free (never negative: takeovers run outside the slots). */
    public int freeSlots() {
        return Math.max(0, maxTasks - runningTasks);
    }

    /** Worker replicas the swarm may still take (never negative). */
    public int freeWorkers() {
        return Math.max(0, maxWorkers - clusterWorkers);
    }
}
