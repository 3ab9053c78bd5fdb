package io.atq.gateway.problems;

/** No task with this id is known here (404). A task submitted elsewhere appears once this gateway's replay reaches it. */
public final class TaskNotFoundException extends RuntimeException {
    private final String taskId;

    public TaskNotFoundException(String taskId) {
        super("no task with id '" + taskId + "'");
        this.taskId = taskId;
    }

    public String getTaskId() {
        return taskId;
    }
}
