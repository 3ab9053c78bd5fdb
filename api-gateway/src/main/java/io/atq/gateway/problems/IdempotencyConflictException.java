package io.atq.gateway.problems;

import io.atq.contracts.tasks.TaskId;

/** An {@code Idempotency-Key} reused with a different request (422). Retrying the same request never helps. */
public final class IdempotencyConflictException extends RuntimeException {
    private final TaskId taskId;

    public IdempotencyConflictException(TaskId taskId) {
        super("this Idempotency-Key was already used for task " + taskId + " with a different request; "
                + "use a new key for a new request");
        this.taskId = taskId;
    }

    public TaskId getTaskId() {
        return taskId;
    }

    public boolean isRetryable() {
        return false;
    }
}
