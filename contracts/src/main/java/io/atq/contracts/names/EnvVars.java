package io.atq.contracts.names;

import java.util.Locale;
import java.util.Set;

/** Environment variables the platform injects; refused as arg names in requests and in the whitelist. */
public final class EnvVars {
    private EnvVars() {
    }

    /** The task id, in every container. */
    public static final String TASK_ID = "ATQ_TASK_ID";
    /** The workers' addresses, comma-separated, in the master. */
    public static final String REMOTES = "REMOTES";
    /** The same list under the original's name, in the master. */
    public static final String WORKER_CSV_VIPS = "WORKER_CSV_VIPS";
    /** The workers' port, in the master (when the task names one). */
    public static final String WORKER_PORT = "ATQ_WORKER_PORT";
    /** Every name starting with this is reserved. */
    public static final String RESERVED_PREFIX = "ATQ_";

    private static final Set<String> RESERVED = Set.of(TASK_ID, REMOTES, WORKER_CSV_VIPS, WORKER_PORT);

    /** Whether a client may not set this name (case-insensitive: environments differ in case handling). */
    public static boolean isReserved(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return RESERVED.contains(upper) || upper.startsWith(RESERVED_PREFIX);
    }
}
