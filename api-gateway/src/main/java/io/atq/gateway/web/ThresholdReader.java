package io.atq.gateway.web;

import io.atq.contracts.messages.Threshold;
import io.atq.contracts.messages.ThresholdMetric;
import io.atq.contracts.validation.Violation;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns the {@code thresholds} of a request into the spec's {@link Threshold}s: a latency's bound is an ISO-8601
 * duration ({@code "PT0.5S"}), compared in milliseconds; every other metric's bound is a JSON number. A bound of the
 * wrong kind is a violation naming it ({@code thresholds[0].below}). Which metric, label and bound values are allowed
 * is {@code TaskSpecValidator}'s job: a gap stays a gap here so that it names it.
 */
final class ThresholdReader {
    private ThresholdReader() {
    }

    /** The thresholds, in the request's order; a null element stays null (the validator names it). */
    static List<@Nullable Threshold> read(@Nullable List<TaskRequest.@Nullable Threshold> requested, List<Violation> violations) {
        if (requested == null) {
            return List.of();
        }
        List<@Nullable Threshold> thresholds = new ArrayList<>(requested.size());
        for (int i = 0; i < requested.size(); i++) {
            TaskRequest.Threshold threshold = requested.get(i);
            thresholds.add(threshold == null ? null : read(threshold, "thresholds[" + i + "]", violations));
        }
        return thresholds;
    }

    // A threshold without metric or bound on purpose: the validator names each missing part.
    @SuppressWarnings("NullAway")
    private static Threshold read(TaskRequest.Threshold threshold, String field, List<Violation> violations) {
        ThresholdMetric metric = ThresholdMetric.named(threshold.metric());
        return new Threshold(threshold.metric(), threshold.label(),
                bound(metric, threshold.metric(), threshold.below(), field + ".below", violations),
                bound(metric, threshold.metric(), threshold.above(), field + ".above", violations));
    }

    /**
     * The bound in the metric's unit, or null when it is not given. A bound of the wrong kind is reported and read as
     * 0, so that the validator does not also say that no bound was set. For an unknown metric (which the validator
     * reports) either kind is read.
     */
    private static @Nullable Double bound(@Nullable ThresholdMetric metric, @Nullable String name, @Nullable Object value,
                                          String field, List<Violation> violations) {
        if (value == null) {
            return null;
        }
        boolean latency = metric != null && metric.kind() == ThresholdMetric.Kind.LATENCY;
        if (value instanceof String text && (latency || metric == null)) {
            try {
                return millis(Duration.parse(text));
            } catch (DateTimeParseException e) {
                if (latency) {
                    violations.add(new Violation(field, latencyMessage(name, "'" + text + "'")));
                }
                return 0.0;
            }
        }
        if (value instanceof Number number && !latency) {
            return number.doubleValue();
        }
        if (latency) {
            violations.add(new Violation(field, latencyMessage(name, describe(value))));
        } else if (metric != null) {
            violations.add(new Violation(field, name + " is a number, was " + describe(value)));
        }
        return 0.0;
    }

    /** A bound as read: a number as written, a string quoted, anything else by its kind. */
    private static String describe(Object value) {
        return switch (value) {
            case Number number -> number.toString();
            case String text -> "'" + text + "'";
            case Boolean bool -> "a boolean";
            case Map<?, ?> map -> "an object";
            case List<?> list -> "an array";
            default -> "a " + value.getClass().getSimpleName();
        };
    }

    private static String latencyMessage(@Nullable String metric, String was) {
        return metric + " is a latency: give an ISO-8601 duration such as PT0.5S, was " + was;
    }

    /** A duration in milliseconds, sub-millisecond parts kept: {@code PT0.5S} is 500.0, {@code PT0.0001S} 0.1. */
    static double millis(Duration duration) {
        return duration.getSeconds() * 1000.0 + duration.getNano() / 1_000_000.0;
    }
}
