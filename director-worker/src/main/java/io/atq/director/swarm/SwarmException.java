package io.atq.director.swarm;

import org.jspecify.annotations.Nullable;

/** A Docker call that failed. {@link #isRetryable()} says whether the same call may succeed later. */
public final class SwarmException extends RuntimeException {

    /** What went wrong, as far as the caller needs to decide. */
    public enum Kind {
        /** The object does not exist (HTTP 404): a decision, not a retry. */
        NOT_FOUND(false),
        /** The object exists or is in use (HTTP 409): a decision, not a retry. */
        CONFLICT(false),
        /** The engine refused the request (HTTP 400, 500 and the like): the same request fails the same way. */
        REFUSED(false),
        /** The engine could not be reached or did not answer (I/O error, timeout, circuit open): retrying may help. */
        UNAVAILABLE(true),
        /**
         * The engine answered but could not give all of it: a log it broke off with its own error frame (seen for a
         * task on a node that was just cut off and back). Retrying may help; it is no sign that Docker is away.
         */
        INCOMPLETE(true);

        private final boolean retryable;

        Kind(boolean retryable) {
            this.retryable = retryable;
        }
    }

    private final Kind kind;
    private final String operation;

    public SwarmException(Kind kind, String operation, String message, @Nullable Throwable cause) {
        super(operation + ": " + message, cause);
        this.kind = kind;
        this.operation = operation;
    }

    public Kind getKind() {
        return kind;
    }

    /** The call that failed, e.g. {@code "create service atq-…-workers"}. */
    public String getOperation() {
        return operation;
    }

    public boolean isRetryable() {
        return kind.retryable;
    }

    /** Whether this says Docker itself is away (what the {@code docker} circuit breaker counts), not one answer's gap. */
    public boolean isOutage() {
        return kind == Kind.UNAVAILABLE;
    }
}
