package io.atq.director.support;

import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.messages.TaskSpec;
import io.atq.contracts.messages.Threshold;

import java.util.List;

/** Thresholds for requests built with {@link io.atq.testfixtures.TaskRequests}. */
public final class Thresholds {
    private Thresholds() {
    }

    /** {@code metric} of all samples must stay below {@code bound}. */
    public static Threshold below(String metric, double bound) {
        return new Threshold(metric, Threshold.ALL_LABELS, bound, null);
    }

    /** {@code metric} of all samples must exceed {@code bound}. */
    public static Threshold above(String metric, double bound) {
        return new Threshold(metric, Threshold.ALL_LABELS, null, bound);
    }

    /** The same request with these thresholds. */
    public static TaskRequested withThresholds(TaskRequested request, Threshold... thresholds) {
        TaskSpec spec = request.spec();
        return new TaskRequested(request.taskId(), new TaskSpec(spec.name(), spec.workers(), spec.master(), spec.timeout(), spec.labels(),
                spec.bundle(), spec.callback(), List.of(thresholds)), request.requestedAt(), request.clientId(), request.submissionId(),
                request.idempotencyKey(), request.requestHash());
    }
}
