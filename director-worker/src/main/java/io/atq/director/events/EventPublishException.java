package io.atq.director.events;

/** A message the broker did not confirm. Retryable: the broker may be back later (the publisher already retried). */
public final class EventPublishException extends RuntimeException {
    private final String typeId;
    private final String taskId;

    public EventPublishException(String typeId, String taskId, String message, Throwable cause) {
        super("cannot publish " + typeId + (taskId == null ? "" : " of task " + taskId) + ": " + message, cause);
        this.typeId = typeId;
        this.taskId = taskId;
    }

    public String getTypeId() {
        return typeId;
    }

    public String getTaskId() {
        return taskId;
    }

    /** Always {@code true}: a broker outage passes. */
    public boolean isRetryable() {
        return true;
    }
}
