package io.atq.contracts.config;

/**
 * An environment variable a whitelisted image accepts.
 *
 * @param name     the variable name
 * @param required whether every request for this image must set it
 */
public record ArgRule(String name, boolean required) {
}
