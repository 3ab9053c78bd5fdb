package io.atq.gateway.problems;

import io.atq.contracts.validation.Violation;

import java.util.List;
import java.util.stream.Collectors;

/** A request the gateway refuses (400). Retrying the same request never helps; each violation names its field. */
public final class InvalidRequestException extends RuntimeException {
    private final String title;
    private final List<Violation> violations;

    public InvalidRequestException(String title, List<Violation> violations) {
        super(summary(violations));
        this.title = title;
        this.violations = List.copyOf(violations);
    }

    public static InvalidRequestException of(String title, String field, String message) {
        return new InvalidRequestException(title, List.of(new Violation(field, message)));
    }

    public String getTitle() {
        return title;
    }

    public List<Violation> getViolations() {
        return violations;
    }

    public boolean isRetryable() {
        return false;
    }

    private static String summary(List<Violation> violations) {
        String each = violations.stream().map(v -> v.field() + ": " + v.message()).collect(Collectors.joining("; "));
        return violations.size() == 1 ? each : violations.size() + " problems: " + each;
    }
}
