package io.atq.contracts.validation;

/**
 * One thing wrong with a request.
 *
 * @param field   JSON path of the bad field, e.g. {@code workers.args.MODE}
 * @param message what is wrong and what is allowed
 */
public record Violation(String field, String message) {
}
