package io.atq.contracts.messages;

import org.jspecify.annotations.Nullable;

/**
 * A bound a task's merged results must keep, else the task fails with cause {@code TEST} although its master exited
 * 0 (validated by {@code TaskSpecValidator}, not here). Exactly one of {@code below} and {@code above} is set; the
 * measured value must be strictly below, or strictly above, it.
 *
 * @param metric a {@link ThresholdMetric} name: {@code p95}, {@code errorRate}, ...
 * @param label  the label (sampler, request name) whose figures count, or {@link #ALL_LABELS} for all samples
 * @param below  the bound the value must stay under; latencies in milliseconds
 * @param above  the bound the value must exceed; latencies in milliseconds
 */
public record Threshold(String metric, String label, @Nullable Double below, @Nullable Double above) {
    /** Every sample of the task, whatever its label. */
    public static final String ALL_LABELS = "*";

    public Threshold {
        label = label == null ? ALL_LABELS : label;
    }

    /** {@code p95 of all samples below 500.0 ms}: the threshold as people read it. */
    public String describe() {
        ThresholdMetric known = ThresholdMetric.named(metric);
        Double bound = below != null ? below : above;
        String value = bound == null ? "?" : known == null ? String.valueOf(bound) : known.format(bound);
        return metric + " of " + (ALL_LABELS.equals(label) ? "all samples" : "label '" + label + "'")
                + (below != null ? " below " : " above ") + value;
    }
}
