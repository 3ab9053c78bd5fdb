package io.atq.director.events;

import org.jspecify.annotations.Nullable;

/** A message the broker did not confirm. Retryable: the broker may be back later (the publisher already retried). */
public final class EventPublishException extends RuntimeException {
    private final String typeId;
    private final @Nullable String taskId;

    public EventPublishException(String typeId, @Nullable String taskId, String message, @Nullable Throwable cause) {
        super("cannot publish " + typeId + (taskId == null ? "" : " of task " + taskId) + ": " + message, cause);
        this.typeId = typeId;
        this.taskId = taskId;
    }

    public String getTypeId() {
        return typeId;
    }

    public @Nullable String getTaskId() {
        return taskId;
    }

    /** Always {@code true}: a broker outage passes. */
    public boolean isRetryable() {
        return true;
    }
}
