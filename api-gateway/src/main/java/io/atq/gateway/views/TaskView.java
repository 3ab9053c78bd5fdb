package io.atq.gateway.views;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.atq.contracts.messages.Evidence;
import io.atq.contracts.messages.Failure;
import io.atq.contracts.messages.MasterSpec;
import io.atq.contracts.messages.ResultSummary;
import io.atq.contracts.messages.ResultsHeadline;
import io.atq.contracts.messages.TaskSpec;
import io.atq.contracts.messages.Threshold;
import io.atq.contracts.messages.ThresholdMetric;
import io.atq.contracts.messages.ThresholdOutcome;
import io.atq.contracts.messages.WorkerSpec;
import io.atq.contracts.phase.FailureCause;
import io.atq.contracts.phase.Phase;
import io.atq.contracts.secrets.SecretArgs;
import io.atq.gateway.tasks.TaskState;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * A task as the API shows it (v1). Its own records, so the JSON does not change when the messages do. Args the
 * whitelist declares {@code secret} show as {@code ***}, and their values are scrubbed from failure messages: the
 * read model keeps the request as published (the evidence scrubber needs the values), so masking happens here.
 *
 * @param labels the CI context the task was submitted with, by key. After {@code phase} on purpose: curl-only clients
 *               (docs/ci/atq-run.sh) take the first {@code "phase":"…"} in the body, which a label named
 *               {@code phase} must not be
 * @param queuedReason why a task still waits (only while {@code QUEUED}; null otherwise)
 * @param images the image each role ran ({@code worker}, {@code master} → {@code repo@sha256:…} pinned to its registry digest, or a local image id), once known
 * @param evidence once the task ended: whether its logs were kept whole, and what is missing (null before, and for
 *                 a task ended by a director that does not report it)
 * @param nodes the Swarm node (hostname) each container ran on, {@code worker-<slot>} and {@code master}, once the
 *              task is {@code RUNNING}; empty before
 * @param summary once the task ended, what its master reported in {@code results/summary.json} (docs/api.md, "Result
 *                summary"); null before, and when it wrote none or an unusable one ({@code evidence} says why)
 * @param results once the task ended, the headline of the results files the director read and merged, with every
 *                threshold's outcome; null before, and when the task wrote no results file and set no threshold
 * @param client the client that submitted it (null for a task from before tenancy); last, like {@code labels} after
 *               {@code phase}, so curl-only clients that take the first {@code "phase":"…"} never read another field
 */
public record TaskView(String id, String name, Phase phase, Map<String, String> labels, Instant createdAt,
                       Instant updatedAt, Request request, Workers workers, Map<String, String> images,
                       @Nullable Integer exitCode, @Nullable FailureView failure, CleanupView cleanup,
                       boolean cancelRequested, @Nullable String director, List<HistoryEntry> history, @Nullable String queuedReason,
                       @Schema(nullable = true, description = "Once the task ended: whether its evidence (every role's "
                               + "log) was kept whole. Null before the end. It never changes the verdict.")
                       @Nullable EvidenceView evidence, Map<String, String> nodes,
                       @Schema(nullable = true, description = "Once the task ended: what its master reported in "
                               + "results/summary.json. Null before, and when it wrote none (or an unusable one).")
                       @Nullable SummaryView summary,
                       @Schema(nullable = true, description = "Once the task ended: the headline of the results files the "
                               + "director read and merged (the master's and every worker's), with every threshold's "
                               + "outcome; the whole merged summary is GET /v1/tasks/{id}/summary. Null before, and when "
                               + "the task wrote no results file and set no threshold.")
                       @Nullable ResultsHeadlineView results,
                       @Schema(nullable = true, description = "The client that submitted the task") @Nullable String client) {

    /**
     * @param thresholds as requested (a latency's bound as an ISO-8601 duration), so the request can be sent again;
     *                   empty when it set none
     */
    public record Request(WorkersRequest workers, MasterRequest master, String timeout, List<ThresholdView> thresholds) {
    }

    /**
     * A threshold as requested: exactly one of {@code below} and {@code above}.
     *
     * @param metric the metric ({@code p95}, {@code errorRate}, ...)
     * @param label  the label whose samples count, {@code *} for all
     * @param below  for a latency an ISO-8601 duration ({@code "PT0.5S"}), else a number
     * @param above  as {@code below}
     */
    @Schema(description = "A threshold as requested; exactly one of below and above")
    public record ThresholdView(String metric, String label,
                                @JsonInclude(JsonInclude.Include.NON_NULL)
                                @Schema(description = "for a latency an ISO-8601 duration, else a number",
                                        oneOf = {String.class, Double.class}) @Nullable Object below,
                                @JsonInclude(JsonInclude.Include.NON_NULL)
                                @Schema(description = "for a latency an ISO-8601 duration, else a number",
                                        oneOf = {String.class, Double.class}) @Nullable Object above) {
        static ThresholdView of(Threshold threshold) {
            ThresholdMetric metric = ThresholdMetric.named(threshold.metric());
            boolean latency = metric != null && metric.kind() == ThresholdMetric.Kind.LATENCY;
            return new ThresholdView(threshold.metric(), threshold.label(), shown(threshold.below(), latency),
                    shown(threshold.above(), latency));
        }

        private static @Nullable Object shown(@Nullable Double bound, boolean latency) {
            return bound == null || !latency || !Double.isFinite(bound) ? bound : duration(bound);
        }

        /** Milliseconds as the ISO-8601 duration a request gives: 500.0 is {@code PT0.5S}. */
        static String duration(double millis) {
            long seconds = (long) Math.floor(millis / 1000);
            long nanos = Math.round((millis - seconds * 1000.0) * 1_000_000);
            return Duration.ofSeconds(seconds, nanos).toString();
        }
    }

    public record WorkersRequest(String image, int replicas, Map<String, String> args, @Nullable Integer port) {
    }

    public record MasterRequest(String image, Map<String, String> args) {
    }

    /** The workers as they are: how many were asked for, and their addresses once discovered. */
    public record Workers(int replicas, List<String> addresses) {
    }

    public record FailureView(@Nullable FailureCause cause, @Nullable String message) {
        static @Nullable FailureView of(@Nullable Failure failure, TaskSpec spec, SecretArgs secrets) {
            return failure == null ? null : new FailureView(failure.cause(),
                    failure.message() == null ? null : secrets.scrub(spec, failure.message()));
        }
    }

    public record CleanupView(boolean done, @Nullable Instant at) {
    }

    /**
     * Whether a task's evidence was kept whole.
     *
     * @param complete whether every log was written in full
     * @param problems what is missing and why, one sentence each; empty when complete
     */
    @Schema(description = "Whether a task's evidence was kept whole; a test that passed still SUCCEEDED when it was not")
    public record EvidenceView(
            @Schema(description = "whether every log was written in full") boolean complete,
            @Schema(description = "what is missing and why, one sentence each (a log that could not be written, "
                    + "e.g. 'master.log: cannot write: No space left on device'; a log cut at the director's size cap; "
                    + "a log Docker could not give); empty when complete") List<String> problems) {
        static @Nullable EvidenceView of(@Nullable Evidence evidence, TaskSpec spec, SecretArgs secrets) {
            return evidence == null ? null : new EvidenceView(evidence.complete(),
                    evidence.problems().stream().map(secrets.scrubber(spec)).toList());
        }
    }

    public record HistoryEntry(Phase phase, Instant at) {
    }

    /**
     * A master's result summary (every figure optional).
     *
     * @param samples    requests or iterations made
     * @param errors     of those, how many failed
     * @param throughput samples per second
     * @param latencyMs  latency percentiles in milliseconds by name ({@code p50}, {@code p99}, {@code max}, ...)
     * @param metrics    other named numbers the test reports
     */
    @Schema(description = "What the master reported in results/summary.json; every figure is optional")
    public record SummaryView(@Nullable Long samples, @Nullable Long errors, @Nullable Double throughput,
                              Map<String, Double> latencyMs, Map<String, Double> metrics) {
        static @Nullable SummaryView of(@Nullable ResultSummary summary) {
            return summary == null ? null : new SummaryView(summary.samples(), summary.errors(), summary.throughput(),
                    summary.latencyMs(), summary.metrics());
        }
    }

    /**
     * The headline of a task's merged results.
     *
     * @param samples    requests read from every results file
     * @param errors     of those, how many the tool counted as failed
     * @param errorRate  errors / samples, from 0 to 1 (0 without samples)
     * @param throughput samples per second, from the first sample's start to the last one's end
     * @param latencyMs  {@code min}, {@code mean}, {@code p50}, {@code p90}, {@code p95}, {@code p99}, {@code max} in
     *                   milliseconds; empty without samples
     * @param filesRead  results files read
     * @param unreadable one sentence per results file that could not be read; its samples are not counted
     * @param thresholds every threshold's outcome, in the request's order
     */
    @Schema(description = "The headline of the results the director merged from every results file, with every "
            + "threshold's outcome")
    public record ResultsHeadlineView(long samples, long errors,
                                      @Schema(description = "errors / samples, from 0 to 1") double errorRate,
                                      @Schema(description = "samples per second") double throughput,
                                      @Schema(description = "min, mean, p50, p90, p95, p99, max in milliseconds; empty "
                                              + "without samples") Map<String, Double> latencyMs,
                                      int filesRead,
                                      @Schema(description = "one sentence per results file that could not be read (its "
                                              + "samples are not counted)") List<String> unreadable,
                                      List<ThresholdOutcomeView> thresholds) {
        static @Nullable ResultsHeadlineView of(@Nullable ResultsHeadline results, TaskSpec spec, SecretArgs secrets) {
            if (results == null) {
                return null;
            }
            UnaryOperator<String> scrubber = secrets.scrubber(spec);
            return new ResultsHeadlineView(results.samples(), results.errors(), results.errorRate(), results.throughput(),
                    results.latencyMs(), results.filesRead(), results.unreadable().stream().map(scrubber).toList(),
                    results.thresholds().stream().map(outcome -> ThresholdOutcomeView.of(outcome, scrubber)).toList());
        }
    }

    /**
     * Whether one threshold held. Bounds and {@code measured} are numbers in the metric's unit: latencies in
     * milliseconds (unlike the request's durations), so they compare directly.
     *
     * @param measured the value measured; null when it could not be (no samples, no sample with the label): the
     *                 threshold then counts as breached
     * @param message  one sentence, e.g. {@code "p95 of all samples below 500.0 ms: was 612.0 ms"}
     */
    @Schema(description = "Whether one threshold held; below, above and measured in the metric's unit (latencies in ms)")
    public record ThresholdOutcomeView(String metric, String label,
                                       @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Double below,
                                       @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Double above,
                                       @Schema(nullable = true, description = "null when it could not be measured (then "
                                               + "passed is false)") @Nullable Double measured,
                                       boolean passed, String message) {
        static ThresholdOutcomeView of(ThresholdOutcome outcome, UnaryOperator<String> scrubber) {
            Threshold threshold = outcome.threshold();
            return new ThresholdOutcomeView(threshold.metric(), threshold.label(), threshold.below(), threshold.above(),
                    outcome.measured(), outcome.passed(), scrubber.apply(outcome.message()));
        }
    }

    /** The view of {@code task}, with the values of secret args masked, without a queued reason (webhook payloads). */
    public static TaskView of(TaskState task, SecretArgs secrets) {
        return of(task, secrets, null);
    }

    /** The view with secret args masked; {@code queuedReason} is shown only while the task is {@code QUEUED}. */
    public static TaskView of(TaskState task, SecretArgs secrets, @Nullable String queuedReason) {
        TaskSpec spec = task.spec();
        TaskSpec shown = secrets.masked(spec);
        WorkerSpec w = shown.workers();
        MasterSpec m = shown.master();
        Request request = new Request(
                new WorkersRequest(w.image(), w.replicas(), sorted(w.args()), w.port()),
                new MasterRequest(m.image(), sorted(m.args())),
                spec.timeout().toString(),
                spec.thresholds().stream().map(ThresholdView::of).toList());
        return new TaskView(task.id().value(), spec.name(), task.phase(), sorted(spec.labels()), task.createdAt(),
                task.updatedAt(), request, new Workers(w.replicas(), task.workerAddresses()), task.images(),
                task.exitCode(), FailureView.of(task.failure(), spec, secrets),
                new CleanupView(task.cleanup().done(), task.cleanup().at()), task.cancelRequested(), task.director(),
                task.history().stream().map(e -> new HistoryEntry(e.phase(), e.at())).toList(),
                task.phase() == Phase.QUEUED ? queuedReason : null,
                EvidenceView.of(task.evidence(), spec, secrets), task.nodes(), SummaryView.of(task.summary()),
                ResultsHeadlineView.of(task.results(), spec, secrets), task.clientId());
    }

    // Sorted so the same task always renders the same bytes (Map.copyOf has no order).
    static Map<String, String> sorted(Map<String, String> entries) {
        return new TreeMap<>(entries);
    }
}
