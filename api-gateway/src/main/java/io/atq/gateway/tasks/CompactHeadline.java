package io.atq.gateway.tasks;

import io.atq.contracts.messages.ResultsHeadline;
import io.atq.contracts.messages.TaskSpec;
import io.atq.contracts.messages.Threshold;
import io.atq.contracts.messages.ThresholdMetric;
import io.atq.contracts.messages.ThresholdOutcome;
import org.jspecify.annotations.Nullable;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A terminal move's {@link ResultsHeadline} as the read model holds it, one per ended task (of some 100k): the seven
 * latency figures in a primitive array instead of a map of boxed values, each threshold the task's own spec's instance
 * (the read model shares specs), and a measured value as a primitive: roughly 160 bytes and 32 a threshold besides
 * the messages, against some 500 and 150 a threshold as decoded. {@link #headline()} gives back a headline equal to the
 * one received.
 */
public final class CompactHeadline {
    /** The latency names a director writes, in {@link ThresholdMetric} order. */
    private static final List<String> LATENCIES = Arrays.stream(ThresholdMetric.values())
            .filter(metric -> metric.kind() == ThresholdMetric.Kind.LATENCY).map(ThresholdMetric::jsonName).toList();
    private static final double[] NO_LATENCIES = new double[0];

    private final long samples;
    private final long errors;
    private final double errorRate;
    private final double throughput;
    /** By {@link #LATENCIES} index, NaN where the headline has none; empty when it has none at all. */
    private final double[] latencies;
    /** Latencies under other names (none from today's directors), else null. */
    private final @Nullable Map<String, Double> otherLatencies;
    private final int filesRead;
    private final List<String> unreadable;
    private final List<Outcome> thresholds;

    /** A threshold's outcome; {@code measured} is NaN when it could not be measured. */
    private record Outcome(Threshold threshold, double measured, boolean passed, String message) {
    }

    private CompactHeadline(ResultsHeadline headline, TaskSpec spec) {
        this.samples = headline.samples();
        this.errors = headline.errors();
        this.errorRate = headline.errorRate();
        this.throughput = headline.throughput();
        Map<String, Double> others = null;
        double[] figures = NO_LATENCIES;
        if (!headline.latencyMs().isEmpty()) {
            figures = new double[LATENCIES.size()];
            Arrays.fill(figures, Double.NaN);
            for (Map.Entry<String, Double> figure : headline.latencyMs().entrySet()) {
                int index = LATENCIES.indexOf(figure.getKey());
                if (index >= 0 && figure.getValue() != null) {
                    figures[index] = figure.getValue();
                } else {
                    others = others == null ? new HashMap<>() : others;
                    others.put(figure.getKey(), figure.getValue());
                }
            }
        }
        this.latencies = figures;
        this.otherLatencies = others;
        this.filesRead = headline.filesRead();
        this.unreadable = headline.unreadable();
        this.thresholds = headline.thresholds().isEmpty() ? List.of() : headline.thresholds().stream()
                .map(outcome -> new Outcome(shared(outcome.threshold(), spec),
                        outcome.measured() == null ? Double.NaN : outcome.measured(), outcome.passed(), outcome.message()))
                .toList();
    }

    /** The headline compacted; its thresholds are {@code spec}'s own instances where equal. */
    public static CompactHeadline of(ResultsHeadline headline, TaskSpec spec) {
        return new CompactHeadline(headline, spec);
    }

    /** The headline as received. */
    public ResultsHeadline headline() {
        Map<String, Double> latencyMs = new HashMap<>();
        for (int i = 0; i < latencies.length; i++) {
            if (!Double.isNaN(latencies[i])) {
                latencyMs.put(LATENCIES.get(i), latencies[i]);
            }
        }
        if (otherLatencies != null) {
            latencyMs.putAll(otherLatencies);
        }
        return new ResultsHeadline(samples, errors, errorRate, throughput, latencyMs, filesRead, unreadable,
                thresholds.stream().map(o -> new ThresholdOutcome(o.threshold(), Double.isNaN(o.measured()) ? null : o.measured(),
                        o.passed(), o.message())).toList());
    }

    private static Threshold shared(Threshold threshold, TaskSpec spec) {
        for (Threshold requested : spec.thresholds()) {
            if (threshold.equals(requested)) {
                return requested;
            }
        }
        return threshold;
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof CompactHeadline that && samples == that.samples && errors == that.errors
                && Double.compare(errorRate, that.errorRate) == 0 && Double.compare(throughput, that.throughput) == 0
                && Arrays.equals(latencies, that.latencies) && Objects.equals(otherLatencies, that.otherLatencies)
                && filesRead == that.filesRead && unreadable.equals(that.unreadable) && thresholds.equals(that.thresholds);
    }

    @Override
    public int hashCode() {
        return Objects.hash(samples, errors, errorRate, throughput, Arrays.hashCode(latencies), otherLatencies, filesRead,
                unreadable, thresholds);
    }

    @Override
    public String toString() {
        return headline().toString();
    }
}
