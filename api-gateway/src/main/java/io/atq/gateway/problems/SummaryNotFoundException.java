package io.atq.gateway.problems;

import io.atq.contracts.tasks.TaskId;

/** The task exists but has no merged results summary: it has not ended, or it ended without one (404). */
public final class SummaryNotFoundException extends RuntimeException {
    private final TaskId taskId;

    public SummaryNotFoundException(TaskId taskId, String message) {
        super(message);
        this.taskId = taskId;
    }

    public TaskId getTaskId() {
        return taskId;
    }
}
