package io.atq.contracts.config;

/**
 * An environment variable a whitelisted image accepts.
 *
 * @param name     the variable name
 * @param required whether every request for this image must set it
 * @param secret   whether its value is masked ({@value #MASK}) in every view, event, webhook and log line ATQ writes
 */
public record ArgRule(String name, boolean required, boolean secret) {
    /** What a secret value is shown as. */
    public static final String MASK = "***";

    /** A non-secret arg. */
    public ArgRule(String name, boolean required) {
        this(name, required, false);
    }
}
