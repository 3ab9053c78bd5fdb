package io.atq.results;

import io.atq.contracts.messages.Threshold;
import io.atq.contracts.messages.ThresholdMetric;
import io.atq.contracts.messages.ThresholdOutcome;

import java.util.List;

/**
 * Whether a task's results keep its thresholds, pure: a function of the thresholds and the summary.
 * <ul>
 *   <li>label {@link Threshold#ALL_LABELS}: the overall figures; another label: that label's;</li>
 *   <li>the comparison is strict: {@code below} holds when the value is less than the bound, {@code above} when it is
 *       greater; equal is a breach;</li>
 *   <li>latencies are compared in milliseconds as the histogram measured them (within 0.1 %);</li>
 *   <li>no samples at all, or none with the label, or a metric the contracts do not know: nothing is measured and the
 *       threshold fails (a gate fails closed), its message says why.</li>
 * </ul>
 */
public final class ThresholdCheck {
    private ThresholdCheck() {
    }

    /** Every threshold's outcome, in the given order. */
    public static List<ThresholdOutcome> evaluate(List<Threshold> thresholds, ResultsSummary summary) {
        return thresholds.stream().map(threshold -> evaluate(threshold, summary)).toList();
    }

    static ThresholdOutcome evaluate(Threshold threshold, ResultsSummary summary) {
        ThresholdMetric metric = ThresholdMetric.named(threshold.metric());
        if (metric == null) {
            return unmeasured(threshold, "no such metric (" + ThresholdMetric.names() + ")");
        }
        if (summary.overall().count() == 0) {
            return unmeasured(threshold, "no samples were read");
        }
        Figures figures = Threshold.ALL_LABELS.equals(threshold.label()) ? summary.overall() : summary.labels().get(threshold.label());
        if (figures == null) {
            return unmeasured(threshold, "no sample has that label" + (summary.labelsCapped()
                    ? " (labels past the limit are counted under '" + Samples.OTHER_LABELS + "')" : ""));
        }
        double measured = figures.value(metric);
        Double below = threshold.below();
        Double above = threshold.above();
        boolean passed = (below != null || above != null) && (below == null || measured < below) && (above == null || measured > above);
        return new ThresholdOutcome(threshold, measured, passed,
                threshold.describe() + ": was " + metric.format(measured) + (passed ? ", held" : ", breached"));
    }

    private static ThresholdOutcome unmeasured(Threshold threshold, String why) {
        return new ThresholdOutcome(threshold, null, false, threshold.describe() + ": " + why);
    }
}
