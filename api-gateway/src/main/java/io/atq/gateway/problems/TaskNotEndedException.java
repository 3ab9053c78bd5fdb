package io.atq.gateway.problems;

import io.atq.contracts.phase.Phase;
import io.atq.contracts.tasks.TaskId;

/** The artifacts of a task are served once it has ended (409); its log can be followed meanwhile. */
public final class TaskNotEndedException extends RuntimeException {
    private final Phase phase;

    public TaskNotEndedException(TaskId taskId, Phase phase) {
        super("task " + taskId + " is " + phase + ": its artifacts are served once it has ended"
                + " (follow its log meanwhile: GET /v1/tasks/" + taskId + "/logs?follow=true)");
        this.phase = phase;
    }

    public Phase getPhase() {
        return phase;
    }
}
