package io.atq.gateway.problems;

import io.atq.contracts.phase.Phase;
import io.atq.contracts.tasks.TaskId;

/** A cancel for a task that has already ended (409). Retrying never helps. */
public final class TaskAlreadyEndedException extends RuntimeException {
    private final TaskId taskId;
    private final Phase phase;

    public TaskAlreadyEndedException(TaskId taskId, Phase phase) {
        super("task " + taskId + " already ended in " + phase + "; there is nothing to cancel");
        this.taskId = taskId;
        this.phase = phase;
    }

    public TaskId getTaskId() {
        return taskId;
    }

    public Phase getPhase() {
        return phase;
    }
}
