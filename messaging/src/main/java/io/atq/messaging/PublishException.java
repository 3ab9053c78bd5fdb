package io.atq.messaging;

import org.jspecify.annotations.Nullable;

/**
 * A message the broker did not confirm. {@link #isRetryable()} says whether sending it again later can help; the
 * {@link Reason} says why, and {@link RetryablePublishFailure} which reasons may be resent at once.
 */
public final class PublishException extends RuntimeException {

    /** Why the publish did not count. */
    public enum Reason {
        /** No connection or channel to the broker (refused, reset, closed before sending). */
        CONNECTION(true),
        /** No confirm within the publish timeout; the broker may or may not have the message. */
        TIMEOUT(true),
        /** The broker refused responsibility (negative acknowledgement, e.g. the exchange does not exist). */
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
    private final @Nullable String taskId;
    private final String detail;

    public PublishException(Reason reason, String typeId, @Nullable String taskId, String detail, @Nullable Throwable cause) {
        super("publishing " + typeId + (taskId == null ? "" : " for task " + taskId) + " failed (" + reason + "): " + detail, cause);
        this.reason = reason;
        this.typeId = typeId;
        this.taskId = taskId;
        this.detail = detail;
    }

    public Reason getReason() {
        return reason;
    }

    /** The message's type id (its AMQP {@code type}), e.g. {@code task-requested.v1}. */
    public String getTypeId() {
        return typeId;
    }

    /** The task ({@code null} for a message about no task, such as a stream marker). */
    public @Nullable String getTaskId() {
        return taskId;
    }

    /** What the broker or the client said, without the message and task this exception's message names. */
    public String getDetail() {
        return detail;
    }

    /** Whether publishing again later can succeed. */
    public boolean isRetryable() {
        return reason.retryable();
    }
}
