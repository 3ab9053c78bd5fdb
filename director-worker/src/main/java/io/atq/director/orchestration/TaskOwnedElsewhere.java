package io.atq.director.orchestration;

import io.atq.contracts.tasks.TaskId;

/**
 * Another director created this task's network first, so it owns the task: this run must neither record a phase nor
 * remove anything. Expected on a duplicate delivery; never retried.
 */
public final class TaskOwnedElsewhere extends Exception {
    private final TaskId taskId;
    private final String owner;

    public TaskOwnedElsewhere(TaskId taskId, String owner) {
        super("task " + taskId + " is owned by director " + owner, null, false, false);
        this.taskId = taskId;
        this.owner = owner;
    }

    public TaskId taskId() {
        return taskId;
    }

    /** The {@code atq.owner} of the existing network ({@code "?"} when it has none). */
    public String owner() {
        return owner;
    }
}
