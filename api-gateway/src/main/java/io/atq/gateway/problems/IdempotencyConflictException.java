package io.atq.gateway.problems;

/** An {@code Idempotency-Key} reused with a different request (422). Retrying the same request never helps. */
public final class IdempotencyConflictException extends RuntimeException {
    private final String taskId;

    public IdempotencyConflictException(String taskId) {
        super("this Idempotency-Key was already used for task " + taskId + " with a different request; "
                + "use a new key for a new request");
        this.taskId = taskId;
    }

    public String getTaskId() {
        return taskId;
    }

    public boolean isRetryable() {
        return false;
    }
}
