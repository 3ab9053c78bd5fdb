package io.atq.gateway.publish;

import io.atq.contracts.tasks.TaskId;
import org.jspecify.annotations.Nullable;

/**
 * A message the broker did not confirm. {@link #isRetryable()} says whether sending it again later can help;
 * the HTTP layer answers 503 either way (with {@code Retry-After}), nothing was accepted.
 */
public final class PublishException extends RuntimeException {

    /** Why the publish did not count. */
    public enum Reason {
        /** No connection or channel to the broker (refused, reset, closed before sending). */
        CONNECTION(true),
        /** No confirm within the publish timeout; the broker may or may not have the message. */
        TIMEOUT(true),
        /** The broker refused responsibility (negative acknowledgement). */
        NACKED(true),
        /** Returned as unroutable: the topology is missing. Needs an operator (or a redeclare), not a resend. */
        UNROUTABLE(false),
        /** The circuit breaker is open after repeated failures; fail fast until it half-opens. */
        CIRCUIT_OPEN(true),
        /** The waiting thread was interrupted (shutdown). */
        INTERRUPTED(true);

        private final boolean retryable;

        Reason(boolean retryable) {
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }

    private final Reason reason;
    private final String typeId;
    private final @Nullable TaskId taskId;

    public PublishException(Reason reason, String typeId, @Nullable TaskId taskId, String detail, @Nullable Throwable cause) {
        super("publishing " + typeId + (taskId == null ? "" : " for task " + taskId) + " failed (" + reason + "): " + detail, cause);
        this.reason = reason;
        this.typeId = typeId;
        this.taskId = taskId;
    }

    public Reason getReason() {
        return reason;
    }

    public String getTypeId() {
        return typeId;
    }

    /** The task ({@code null} for a stream marker). */
    public @Nullable TaskId getTaskId() {
        return taskId;
    }

    /** Whether publishing again later can succeed. */
    public boolean isRetryable() {
        return reason.retryable();
    }
}
