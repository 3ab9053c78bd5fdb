package io.atq.director.orchestration;

import io.atq.contracts.messages.Failure;
import io.atq.contracts.messages.ResultsHeadline;
import io.atq.contracts.messages.Threshold;
import io.atq.contracts.messages.ThresholdMetric;
import io.atq.contracts.messages.ThresholdOutcome;
import io.atq.contracts.phase.FailureCause;
import io.atq.contracts.phase.Phase;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The task's thresholds on top of {@link Verdict}: a gate on the merged results, which fails closed. Pure. In this
 * order:
 *
 * <ol>
 *   <li>the master's verdict is not {@code SUCCEEDED} (a non-zero exit, a cancel, a timeout) → it stands; the
 *       thresholds' outcomes are still reported;</li>
 *   <li>the task sets no threshold → {@code SUCCEEDED}, whatever the results say;</li>
 *   <li>the results could not be summarized at all (the folder unreadable, the budget spent) → {@code FAILED} with
 *       cause {@code INFRA}: {@code "thresholds not evaluated: <why>"};</li>
 *   <li>a results file could not be read → {@code FAILED} with cause {@code TEST}, naming each such file (a gate on
 *       partial numbers is not a gate), and any threshold breached on the files that were read;</li>
 *   <li>no results file was read → {@code FAILED} with cause {@code TEST}: {@code "no results file was read: no
 *       threshold can be checked"};</li>
 *   <li>a threshold is breached (a value that could not be measured, for want of samples, counts as breached) →
 *       {@code FAILED} with cause {@code TEST}, naming each breached threshold and the value measured:
 *       {@code "threshold breached: p95 of all samples below 500.0 ms: was 612.0 ms"};</li>
 *   <li>otherwise → {@code SUCCEEDED}.</li>
 * </ol>
 */
public final class ThresholdVerdict {
    /** Unreadable files named in a message at most (the headline lists them all). */
    static final int MAX_NAMED_FILES = 5;

    private ThresholdVerdict() {
    }

    /**
     * @param master     the verdict on the master's exit
     * @param thresholds the task's thresholds
     * @param results    what summarizing the results gave; null when they were not summarized
     */
    public static Verdict.Outcome decide(Verdict.Outcome master, List<Threshold> thresholds, TaskResults.@Nullable Summary results) {
        if (master.phase() != Phase.SUCCEEDED || thresholds.isEmpty()) {
            return master;
        }
        if (!(results instanceof TaskResults.Measured measured)) {
            return new Verdict.Outcome(Phase.FAILED, Failure.of(FailureCause.INFRA, "thresholds not evaluated: " + whyNotMeasured(results)));
        }
        ResultsHeadline headline = measured.headline();
        List<String> reasons = new ArrayList<>();
        List<String> unreadable = headline.unreadable();
        if (!unreadable.isEmpty()) {
            reasons.add(unreadable(unreadable));
        } else if (headline.filesRead() == 0) {
            return new Verdict.Outcome(Phase.FAILED, Failure.of(FailureCause.TEST, "no results file was read: no threshold can be checked"));
        }
        List<String> breached = headline.thresholds().stream().filter(outcome -> !outcome.passed()).map(ThresholdVerdict::breach).toList();
        // With nothing read every threshold is breached for want of samples: the files say all there is to say.
        if (!breached.isEmpty() && headline.filesRead() > 0) {
            reasons.add((breached.size() == 1 ? "threshold breached: " : breached.size() + " thresholds breached: ") + String.join("; ", breached));
        }
        return reasons.isEmpty() ? master : new Verdict.Outcome(Phase.FAILED, Failure.of(FailureCause.TEST, String.join("; ", reasons)));
    }

    /**
     * What the terminal event says of the results: the headline with every threshold's outcome; when the results
     * could not be summarized but thresholds were set, a headline without figures whose outcomes say why none was
     * evaluated; null when the task wrote no results file and set no threshold.
     */
    public static @Nullable ResultsHeadline reported(List<Threshold> thresholds, TaskResults.@Nullable Summary results) {
        if (results instanceof TaskResults.Measured measured) {
            ResultsHeadline headline = measured.headline();
            boolean nothing = headline.filesRead() == 0 && headline.unreadable().isEmpty() && thresholds.isEmpty();
            return nothing ? null : headline;
        }
        if (thresholds.isEmpty()) {
            return null;
        }
        String why = whyNotMeasured(results);
        List<ThresholdOutcome> outcomes = thresholds.stream()
                .map(threshold -> new ThresholdOutcome(threshold, null, false, threshold.describe() + ": not evaluated (" + why + ")"))
                .toList();
        return new ResultsHeadline(0, 0, 0, 0, Map.of(), 0, List.of(why), outcomes);
    }

    /** {@code p95 of all samples below 500.0 ms: was 612.0 ms}; the outcome's own message when nothing was measured. */
    private static String breach(ThresholdOutcome outcome) {
        ThresholdMetric metric = ThresholdMetric.named(outcome.threshold().metric());
        Double measured = outcome.measured();
        return measured == null || metric == null ? outcome.message() : outcome.threshold().describe() + ": was " + metric.format(measured);
    }

    private static String whyNotMeasured(TaskResults.@Nullable Summary results) {
        return results instanceof TaskResults.NotMeasured notMeasured ? notMeasured.problem() : "the results were not summarized";
    }

    private static String unreadable(List<String> files) {
        String named = String.join("; ", files.subList(0, Math.min(files.size(), MAX_NAMED_FILES)));
        String more = files.size() > MAX_NAMED_FILES ? "; and " + (files.size() - MAX_NAMED_FILES) + " more" : "";
        return (files.size() == 1 ? "a results file could not be read" : files.size() + " results files could not be read")
                + " (thresholds not trusted): " + named + more;
    }
}
