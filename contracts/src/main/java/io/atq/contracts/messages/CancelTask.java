package io.atq.contracts.messages;

import io.atq.contracts.tasks.TaskId;

import java.time.Instant;
import java.util.Objects;

/**
 * Command from a gateway: stop this task. It travels on the task log stream, so a director that
 * takes the task later (even one started after the cancel) still sees it.
 *
 * @param taskId      the task to cancel
 * @param requestedAt when the gateway accepted the cancel
 */
public record CancelTask(TaskId taskId, Instant requestedAt) implements TaskMessage {
    public CancelTask {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(requestedAt, "requestedAt");
    }
}
