package io.atq.contracts.config;

/**
 * How much one director and the whole swarm run at once; beyond it, tasks wait in the request queue ({@code QUEUED}).
 *
 * @param maxTasksPerDirector most tasks one director has deployed at once
 * @param maxWorkers          most worker containers of this ATQ instance running on the swarm at once
 */
public record CapacitySettings(int maxTasksPerDirector, int maxWorkers) {
    /** 4 tasks per director, 200 workers in the swarm. */
    public static final CapacitySettings DEFAULT = new CapacitySettings(4, 200);
}
