package io.atq.gateway.problems;

import io.atq.contracts.tasks.TaskId;

/** The task exists but the log (or evidence) asked for has not been written (yet) (404). */
public final class LogNotFoundException extends RuntimeException {
    private final TaskId taskId;

    public LogNotFoundException(TaskId taskId) {
        this(taskId, "task " + taskId + " has no master log yet (it is written from the moment its master starts)");
    }

    /** The task exists but the named evidence does not (yet). */
    public LogNotFoundException(TaskId taskId, String message) {
        super(message);
        this.taskId = taskId;
    }

    public TaskId getTaskId() {
        return taskId;
    }
}
