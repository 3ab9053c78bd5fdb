package io.atq.gateway.tasks;

import java.util.Objects;

/**
 * A list query the read model cannot answer: a malformed filter or cursor. Retrying the same query never helps.
 */
public final class InvalidQueryException extends RuntimeException {
    private final String parameter;

    public InvalidQueryException(String parameter, String message) {
        super(parameter + ": " + message);
        this.parameter = parameter;
    }

    /** The query parameter at fault ({@code label}, {@code cursor}, …). */
    public String getParameter() {
        return parameter;
    }

    /** What is wrong with it, without the parameter name. */
    public String getReason() {
        return Objects.requireNonNull(getMessage()).substring(parameter.length() + 2);
    }

    public boolean isRetryable() {
        return false;
    }
}
