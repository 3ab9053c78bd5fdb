package io.atq.gateway.problems;

/** A request body over the limit (413). The same body is always refused. */
public final class RequestTooLargeException extends RuntimeException {
    private final long limit;

    public RequestTooLargeException(long limit) {
        super("the request body must be at most " + limit + " bytes");
        this.limit = limit;
    }

    public long getLimit() {
        return limit;
    }
}
