package io.atq.director.support;

import io.atq.contracts.messages.ResultsHeadline;
import io.atq.contracts.messages.Threshold;
import io.atq.contracts.messages.ThresholdMetric;
import io.atq.contracts.messages.ThresholdOutcome;
import io.atq.contracts.tasks.TaskId;
import io.atq.director.orchestration.TaskResults;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Results as a test sets them: by default the task wrote no results file. Thresholds are checked, on all samples, against
 * the values the test gave per metric (messages as the results module words them); a metric without a value was not
 * measured (breached).
 */
public final class FakeTaskResults implements TaskResults {
    private final Journal journal;
    private final Map<String, Double> values = new HashMap<>();
    private int filesRead;
    private long samples;
    private final List<String> unreadable = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private String notMeasured;
    private final List<TaskId> summarized = new ArrayList<>();
    private Runnable onSummarize = () -> { };

    public FakeTaskResults(Journal journal) {
        this.journal = journal;
    }

    /** The task wrote {@code files} readable results files holding {@code samples} samples. */
    public synchronized FakeTaskResults read(int files, long samples) {
        this.filesRead = files;
        this.samples = samples;
        return this;
    }

    /** What the merged results give for {@code metric} ({@code p95}, {@code errorRate}) over all samples. */
    public synchronized FakeTaskResults measuring(String metric, double value) {
        values.put(metric, value);
        return this;
    }

    /** A results file that could not be read: {@code "results/a.jtl: line 3: ..."}. */
    public synchronized FakeTaskResults unreadable(String sentence) {
        unreadable.add(sentence);
        return this;
    }

    /** Summarized, but {@code problem} kept the summary document from being written. */
    public synchronized FakeTaskResults withProblem(String problem) {
        problems.add(problem);
        return this;
    }

    /** The results cannot be summarized at all. */
    public synchronized FakeTaskResults failing(String problem) {
        notMeasured = problem;
        return this;
    }

    /** Runs {@code hook} on the run's thread as summarizing begins (a director stopping meanwhile). */
    public synchronized FakeTaskResults onSummarize(Runnable hook) {
        onSummarize = hook;
        return this;
    }

    @Override
    public synchronized Summary summarize(TaskId taskId, List<Threshold> thresholds) {
        summarized.add(taskId);
        journal.add("summarize " + thresholds.size() + " threshold(s)");
        onSummarize.run();
        if (notMeasured != null) {
            return new NotMeasured(notMeasured);
        }
        List<ThresholdOutcome> outcomes = thresholds.stream().map(this::check).toList();
        return new Measured(new ResultsHeadline(samples, 0, 0, 0, Map.of(), filesRead, unreadable, outcomes), problems);
    }

    private ThresholdOutcome check(Threshold threshold) {
        Double measured = filesRead == 0 ? null : values.get(threshold.metric());
        if (measured == null) {
            return new ThresholdOutcome(threshold, null, false, threshold.describe() + ": no samples were read");
        }
        boolean passed = threshold.below() != null ? measured < threshold.below() : measured > threshold.above();
        ThresholdMetric metric = ThresholdMetric.named(threshold.metric());
        return new ThresholdOutcome(threshold, measured, passed, threshold.describe() + ": was "
                + (metric == null ? String.valueOf(measured) : metric.format(measured)) + (passed ? ", held" : ", breached"));
    }

    /** The tasks whose results were summarized, in order. */
    public synchronized List<TaskId> summarized() {
        return List.copyOf(summarized);
    }
}
