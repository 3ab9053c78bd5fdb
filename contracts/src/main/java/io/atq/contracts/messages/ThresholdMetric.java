package io.atq.contracts.messages;

import org.jspecify.annotations.Nullable;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a threshold can be set on: one figure of the task's merged results (overall, or of one label). Latencies are
 * compared in milliseconds (a request gives them as ISO-8601 durations, {@code "PT0.5S"}); {@code errorRate} is a
 * fraction from 0 to 1; {@code throughput} is samples per second.
 */
public enum ThresholdMetric {
    MIN("min", Kind.LATENCY),
    MEAN("mean", Kind.LATENCY),
    P50("p50", Kind.LATENCY),
    P90("p90", Kind.LATENCY),
    P95("p95", Kind.LATENCY),
    P99("p99", Kind.LATENCY),
    MAX("max", Kind.LATENCY),
    ERROR_RATE("errorRate", Kind.FRACTION),
    THROUGHPUT("throughput", Kind.RATE),
    SAMPLES("samples", Kind.COUNT),
    ERRORS("errors", Kind.COUNT);

    /** How a metric's bound is written and shown. */
    public enum Kind {
        /** a duration, compared in milliseconds */
        LATENCY,
        /** a number from 0 to 1 */
        FRACTION,
        /** per second */
        RATE,
        /** a whole number */
        COUNT
    }

    private final String jsonName;
    private final Kind kind;

    ThresholdMetric(String jsonName, Kind kind) {
        this.jsonName = jsonName;
        this.kind = kind;
    }

    /** Its name in requests and views ({@code p95}, {@code errorRate}). */
    public String jsonName() {
        return jsonName;
    }

    public Kind kind() {
        return kind;
    }

    /** The metric a request names (exact, case-sensitive), or null. */
    public static @Nullable ThresholdMetric named(@Nullable String name) {
        for (ThresholdMetric metric : values()) {
            if (metric.jsonName.equals(name)) {
                return metric;
            }
        }
        return null;
    }

    /** The names, for error messages: {@code min, mean, p50, …}. */
    public static String names() {
        return Arrays.stream(values()).map(ThresholdMetric::jsonName).collect(Collectors.joining(", "));
    }

    /** A value of this metric as people read it: {@code 512.0 ms}, {@code 0.0125}, {@code 98.4/s}, {@code 1200}. */
    public String format(double value) {
        return switch (kind) {
            case LATENCY -> String.format(Locale.ROOT, "%.1f ms", value);
            case FRACTION -> String.format(Locale.ROOT, "%.4f", value);
            case RATE -> String.format(Locale.ROOT, "%.1f/s", value);
            case COUNT -> String.format(Locale.ROOT, "%.0f", value);
        };
    }
}
