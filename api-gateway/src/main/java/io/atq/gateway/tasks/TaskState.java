package io.atq.gateway.tasks;

import io.atq.contracts.messages.CancelTask;
import io.atq.contracts.messages.Evidence;
import io.atq.contracts.messages.Failure;
import io.atq.contracts.messages.ResultSummary;
import io.atq.contracts.messages.ResultsHeadline;
import io.atq.contracts.messages.StreamMarker;
import io.atq.contracts.messages.TaskCleanedUp;
import io.atq.contracts.messages.TaskMessage;
import io.atq.contracts.messages.TaskPhaseChanged;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.messages.TaskSpec;
import io.atq.contracts.messages.WebhookAttempted;
import io.atq.contracts.phase.Phase;
import io.atq.contracts.tasks.TaskId;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Objects;

/**
 * What the gateway knows about one task: an immutable value, changed only by {@link #apply(TaskMessage)}.
 *
 * @param id              the task id
 * @param spec            what was requested
 * @param phase           the current phase (the last of {@link #history})
 * @param createdAt       when the gateway accepted the request
 * @param updatedAt       the time of the last message that changed this state
 * @param workerAddresses the workers' addresses, once discovered
 * @param exitCode        the master's exit code, once known
 * @param failure         why the task did not succeed, if it did not
 * @param cleanup         whether its Swarm objects were removed
 * @param cancelRequested whether a client asked to cancel it
 * @param director        the director running it, once one took it
 * @param history         every phase entered, oldest first; starts with QUEUED
 * @param submission      who submitted it, from the first request of its id on the log
 */
public record TaskState(TaskId id, TaskSpec spec, Phase phase, Instant createdAt, Instant updatedAt,
                        List<String> workerAddresses, @Nullable Integer exitCode, @Nullable Failure failure, Cleanup cleanup,
                        boolean cancelRequested, @Nullable String director, List<PhaseEntry> history, Submission submission) {
    public TaskState {
        workerAddresses = List.copyOf(workerAddresses);
        history = List.copyOf(history);
        Objects.requireNonNull(submission, "submission");
    }

    /** The state a request creates: QUEUED since {@code requestedAt}. */
    public static TaskState requested(TaskRequested requested) {
        return requested(requested, requested.spec());
    }

    /** As {@link #requested(TaskRequested)}, holding {@code spec}, a spec equal to the request's (a shared one). */
    static TaskState requested(TaskRequested requested, TaskSpec spec) {
        return new TaskState(requested.taskId(), spec, Phase.QUEUED, requested.requestedAt(),
                requested.requestedAt(), List.of(), null, null, Cleanup.NOT_YET, false, null,
                List.of(PhaseEntry.queued(requested)), Submission.of(requested));
    }

    /** The client that owns the task; {@code null} for a request from before tenancy. */
    public @Nullable String clientId() {
        return submission.clientId();
    }

    /**
     * The image each role ran (role → a reference pinned to its registry digest, {@code repo@sha256:…}, or a local image id), as the director reported it: merged over the
     * history (a later report of a role wins), so a view shows an image from the phase that started its service on.
     */
    public Map<String, String> images() {
        Map<String, String> images = new TreeMap<>();
        history.forEach(entry -> images.putAll(entry.images()));
        return images;
    }

    /** The node each container ran on ({@code worker-<slot>}, {@code master} → hostname), as the moves reported them. */
    public Map<String, String> nodes() {
        Map<String, String> nodes = new TreeMap<>();
        history.forEach(entry -> nodes.putAll(entry.nodes()));
        return nodes;
    }

    /**
     * Whether the task's evidence was kept whole, as the director that ended it reported on the terminal move; null
     * before the task ended, and for a director that does not report it.
     */
    public @Nullable Evidence evidence() {
        return phase.isTerminal() ? history.getLast().evidence() : null;
    }

    /** What the master reported in {@code results/summary.json}, once the task ended; null before and when it wrote none. */
    public @Nullable ResultSummary summary() {
        return phase.isTerminal() ? history.getLast().summary() : null;
    }

    /**
     * The headline of the results the director merged from every results file, with each threshold's outcome, once the
     * task ended; null before, and when the director reported none (no results file and no threshold).
     */
    public @Nullable ResultsHeadline results() {
        return phase.isTerminal() ? history.getLast().resultsHeadline() : null;
    }

    /** Whether the task has ended (its Swarm objects may still be being removed). */
    public boolean isTerminal() {
        return phase.isTerminal();
    }

    /**
     * The state after {@code message}, or this very instance when the message changes nothing: a repeat, a move
     * the transition table does not allow from here (a duplicate or out-of-order event), or a message that is not
     * about task state. Applying the same messages again therefore never changes the result.
     *
     * @throws IllegalArgumentException when the message is about another task
     */
    public TaskState apply(TaskMessage message) {
        if (message.taskId() != null && !message.taskId().equals(id)) {
            throw new IllegalArgumentException("message for task " + message.taskId() + " applied to task " + id);
        }
        return switch (message) {
            // The request created this state; a second copy (local put, then replay) adds nothing.
            case TaskRequested requested -> this;
            case TaskPhaseChanged change -> phase.canMoveTo(change.phase()) ? moved(change) : this;
            case CancelTask cancel -> cancelRequested ? this : new TaskState(id, spec, phase, createdAt,
                    latest(cancel.requestedAt()), workerAddresses, exitCode, failure, cleanup, true, director, history, submission);
            case TaskCleanedUp cleaned -> cleanedUp(cleaned);
            case StreamMarker marker -> this;
            // Webhook attempts are kept by the webhooks' own ledger, not in the task's state.
            case WebhookAttempted attempt -> this;
        };
    }

    private TaskState moved(TaskPhaseChanged change) {
        List<PhaseEntry> longer = new ArrayList<>(history);
        longer.add(PhaseEntry.of(change, spec));
        return new TaskState(id, spec, change.phase(), createdAt, latest(change.at()),
                change.workerAddresses().isEmpty() ? workerAddresses : change.workerAddresses(),
                change.exitCode() != null ? change.exitCode() : exitCode,
                change.failure() != null ? change.failure() : failure,
                cleanup, cancelRequested,
                change.director() != null ? change.director() : director,
                longer, submission);
    }

    private TaskState cleanedUp(TaskCleanedUp cleaned) {
        Cleanup next = new Cleanup(cleaned.complete(), cleaned.at());
        // Once complete, later (replayed or reaper) reports change nothing.
        if (cleanup.done() || next.equals(cleanup)) {
            return this;
        }
        return new TaskState(id, spec, phase, createdAt, latest(cleaned.at()), workerAddresses, exitCode, failure,
                next, cancelRequested, director, history, submission);
    }

    private Instant latest(Instant at) {
        return at.isAfter(updatedAt) ? at : updatedAt;
    }

}
