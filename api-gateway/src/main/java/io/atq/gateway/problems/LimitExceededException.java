package io.atq.gateway.problems;

import io.atq.gateway.tenancy.LimitExceeded;

/** A submission over one of the client's limits (429). Retrying helps once some of its tasks have ended. */
public final class LimitExceededException extends RuntimeException {
    private final transient LimitExceeded exceeded;

    public LimitExceededException(LimitExceeded exceeded) {
        super(exceeded.describe());
        this.exceeded = exceeded;
    }

    public LimitExceeded getExceeded() {
        return exceeded;
    }

    public boolean isRetryable() {
        return exceeded.requested() <= exceeded.max();
    }
}
