package io.atq.director.orchestration;

import io.atq.contracts.tasks.TaskId;

/**
 * A stopping director handed a fresh run over before anything in Swarm recorded its task: the request goes back to
 * the queue for another director (always worth retrying there; nothing of it ran).
 */
public final class HandedOver extends Exception {
    private final TaskId taskId;

    public HandedOver(TaskId taskId) {
        super("task " + taskId + " was handed over before it was provisioned", null, false, false);
        this.taskId = taskId;
    }

    public TaskId taskId() {
        return taskId;
    }
}
