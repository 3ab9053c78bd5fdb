package io.atq.gateway.web;

import io.atq.contracts.messages.Failure;
import io.atq.contracts.messages.MasterSpec;
import io.atq.contracts.messages.TaskSpec;
import io.atq.contracts.messages.WorkerSpec;
import io.atq.contracts.phase.FailureCause;
import io.atq.contracts.phase.Phase;
import io.atq.gateway.tasks.TaskState;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A task as the API shows it (v1). Its own records, so the JSON does not change when the messages do.
 * {@code queuedReason} says why a task still waits (only while {@code QUEUED}; null otherwise).
 */
public record TaskView(String id, String name, Phase phase, Instant createdAt, Instant updatedAt, Request request,
                       Workers workers, Integer exitCode, FailureView failure, CleanupView cleanup,
                       boolean cancelRequested, String director, List<HistoryEntry> history, String queuedReason) {

    public record Request(WorkersRequest workers, MasterRequest master, String timeout) {
    }

    public record WorkersRequest(String image, int replicas, Map<String, String> args, Integer port) {
    }

    public record MasterRequest(String image, Map<String, String> args) {
    }

    /** The workers as they are: how many were asked for, and their addresses once discovered. */
    public record Workers(int replicas, List<String> addresses) {
    }

    public record FailureView(FailureCause cause, String message) {
        static FailureView of(Failure failure) {
            return failure == null ? null : new FailureView(failure.cause(), failure.message());
        }
    }

    public record CleanupView(boolean done, Instant at) {
    }

    public record HistoryEntry(Phase phase, Instant at) {
    }

    /** The view without a queued reason (webhook payloads: the reason is the gateway's guess of the moment). */
    public static TaskView of(TaskState task) {
        return of(task, null);
    }

    /** The view; {@code queuedReason} is shown only while the task is {@code QUEUED}. */
    public static TaskView of(TaskState task, String queuedReason) {
        TaskSpec spec = task.spec();
        WorkerSpec w = spec.workers();
        MasterSpec m = spec.master();
        Request request = new Request(
                new WorkersRequest(w.image(), w.replicas(), sorted(w.args()), w.port()),
                new MasterRequest(m.image(), sorted(m.args())),
                spec.timeout().toString());
        return new TaskView(task.id(), spec.name(), task.phase(), task.createdAt(), task.updatedAt(), request,
                new Workers(w.replicas(), task.workerAddresses()), task.exitCode(), FailureView.of(task.failure()),
                new CleanupView(task.cleanup().done(), task.cleanup().at()), task.cancelRequested(), task.director(),
                task.history().stream().map(e -> new HistoryEntry(e.phase(), e.at())).toList(),
                task.phase() == Phase.QUEUED ? queuedReason : null);
    }

    // Sorted so the same task always renders the same bytes (Map.copyOf has no order).
    private static Map<String, String> sorted(Map<String, String> args) {
        return new TreeMap<>(args);
    }
}
