package io.atq.director.events;

import io.atq.contracts.tasks.TaskId;
import org.jspecify.annotations.Nullable;

/** A message the broker did not confirm. Retryable: the broker may be back later (the publisher already retried). */
public final class EventPublishException extends RuntimeException {
    private final String typeId;
    private final @Nullable TaskId taskId;

    public EventPublishException(String typeId, @Nullable TaskId taskId, String message, @Nullable Throwable cause) {
        super("cannot publish " + typeId + (taskId == null ? "" : " of task " + taskId) + ": " + message, cause);
        this.typeId = typeId;
        this.taskId = taskId;
    }

    public String getTypeId() {
        return typeId;
    }

    public @Nullable TaskId getTaskId() {
        return taskId;
    }

    /** Always {@code true}: a broker outage passes. */
    public boolean isRetryable() {
        return true;
    }
}
