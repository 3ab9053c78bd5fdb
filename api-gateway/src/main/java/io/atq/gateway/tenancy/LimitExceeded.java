package io.atq.gateway.tenancy;

/**
 * A submission refused because the client already runs as much as it may (429).
 *
 * @param clientId  whose limit
 * @param limit     the configuration key: {@value #MAX_ACTIVE_TASKS} or {@value #MAX_ACTIVE_REPLICAS}
 * @param current   how much the client has running now
 * @param requested how much the new task would add
 * @param max       the configured maximum
 */
public record LimitExceeded(String clientId, String limit, int current, int requested, int max) {
    public static final String MAX_ACTIVE_TASKS = "maxActiveTasks";
    public static final String MAX_ACTIVE_REPLICAS = "maxActiveReplicas";

    /** What to tell the client. */
    public String describe() {
        String what = MAX_ACTIVE_TASKS.equals(limit) ? "unfinished tasks" : "workers over its unfinished tasks";
        String advice = requested > max ? "this task alone is larger than the limit"
                : "retry when some of its tasks have ended";
        return "client '" + clientId + "' has " + current + " " + what + "; " + current + " + " + requested + " exceeds "
                + limit + " = " + max + ": " + advice;
    }
}
