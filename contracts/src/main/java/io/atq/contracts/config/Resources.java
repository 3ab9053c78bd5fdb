package io.atq.contracts.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Hard limits on one container ATQ creates (Swarm {@code TaskTemplate.Resources.Limits}, never reservations: a
 * reservation would only steer scheduling, not stop a runaway load generator).
 *
 * @param memoryBytes memory limit in bytes (Docker's minimum is 6 MiB)
 * @param nanoCpus    CPU limit in billionths of a CPU ({@code cpus: 0.5} = 500 000 000)
 * @param pids        most processes and threads (Swarm {@code Limits.Pids}, API 1.41)
 */
public record Resources(long memoryBytes, long nanoCpus, long pids) {
    /** Docker refuses a memory limit under 6 MiB. */
    public static final long MIN_MEMORY = 6L * 1024 * 1024;
    /** Docker's smallest CPU quantum is 0.01 CPU. */
    public static final long MIN_NANO_CPUS = 10_000_000L;
    /** Fewer processes than this and not even a shell with a pipe starts. */
    public static final long MIN_PIDS = 16;

    /** Used when the configuration names no {@code limits.defaultResources}: 1 GiB, 1 CPU, 1024 processes. */
    public static final Resources DEFAULT = new Resources(1024L * 1024 * 1024, 1_000_000_000L, 1024);
    /** Used when the configuration names no {@code limits.maxResources}: 8 GiB, 4 CPUs, 8192 processes. */
    public static final Resources MAXIMUM = new Resources(8L * 1024 * 1024 * 1024, 4_000_000_000L, 8192);

    public Resources {
        if (memoryBytes < MIN_MEMORY || nanoCpus < MIN_NANO_CPUS || pids < MIN_PIDS) {
            throw new IllegalArgumentException("resources below Docker's minimum (6m memory, 0.01 cpus, 16 pids): " + describe(memoryBytes, nanoCpus, pids));
        }
    }

    /** The names of the fields ({@code memory}, {@code cpus}, {@code pids}) that exceed {@code max}; empty when it fits. */
    public List<String> exceeding(Resources max) {
        List<String> over = new ArrayList<>();
        if (memoryBytes > max.memoryBytes) {
            over.add("memory");
        }
        if (nanoCpus > max.nanoCpus) {
            over.add("cpus");
        }
        if (pids > max.pids) {
            over.add("pids");
        }
        return over;
    }

    @Override
    public String toString() {
        return describe(memoryBytes, nanoCpus, pids);
    }

    private static String describe(long memoryBytes, long nanoCpus, long pids) {
        return "{memory: " + memoryBytes + " bytes, cpus: " + (nanoCpus / 1e9) + ", pids: " + pids + "}";
    }
}
