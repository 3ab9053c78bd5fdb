package io.atq.gateway.problems;

import io.atq.contracts.tasks.TaskId;

import java.time.Duration;

/**
 * A keyed request was published, but this gateway did not read the first request of its task id back from the task
 * log in time, so it cannot say which request is the task (503). Retrying with the same key is safe and helps.
 */
public final class SubmissionUnconfirmedException extends RuntimeException {
    private final TaskId taskId;

    public SubmissionUnconfirmedException(TaskId taskId, Duration waited) {
        super("the request for task " + taskId + " was published, but this gateway did not read it back from the task log "
                + "within " + waited + "; retry with the same Idempotency-Key (it cannot create a second task)");
        this.taskId = taskId;
    }

    public TaskId getTaskId() {
        return taskId;
    }

    public boolean isRetryable() {
        return true;
    }
}
