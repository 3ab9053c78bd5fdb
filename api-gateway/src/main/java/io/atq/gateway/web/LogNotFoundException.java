package io.atq.gateway.web;

/** The task exists but its master log has not been written (yet) (404); it appears once the task is collected. */
public final class LogNotFoundException extends RuntimeException {
    private final String taskId;

    public LogNotFoundException(String taskId) {
        super("task " + taskId + " has no master log yet (it is written when the master's output is collected)");
        this.taskId = taskId;
    }

    public String getTaskId() {
        return taskId;
    }
}
