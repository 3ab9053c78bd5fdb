package io.atq.director.ledger;

import io.atq.contracts.messages.CancelTask;
import io.atq.contracts.messages.StreamMarker;
import io.atq.contracts.messages.TaskCleanedUp;
import io.atq.contracts.messages.TaskMessage;
import io.atq.contracts.messages.TaskPhaseChanged;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.messages.WebhookAttempted;
import io.atq.contracts.phase.Phase;

import io.atq.contracts.tasks.TaskId;

import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The director's memory of the task log: which tasks were cancelled, which reached a terminal phase, and which a
 * director has started. Built by replaying the stream from its first message, so {@link #apply(TaskMessage)} is
 * idempotent and order-tolerant (a replay after a reconnect applies everything again). Thread-safe.
 */
public final class TaskLedger {

    /**
     * The furthest a task got, as far as the log says.
     *
     * @param phase    its latest phase
     * @param director who moved it there
     */
    public record Progress(Phase phase, String director) {
    }

    private final String nonce;
    private final Set<TaskId> cancelled = ConcurrentHashMap.newKeySet();
    private final Set<TaskId> requested = ConcurrentHashMap.newKeySet();
    private final Set<TaskId> cleanedUp = ConcurrentHashMap.newKeySet();
    private final Set<TaskId> cleanupReported = ConcurrentHashMap.newKeySet();
    private final Map<TaskId, Progress> progress = new ConcurrentHashMap<>();
    /** First requests of tasks not yet terminal (a takeover continues the task from it); dropped at the end. */
    private final Map<TaskId, TaskRequested> openRequests = new ConcurrentHashMap<>();
    // Per task id: completed with the submission id of the FIRST request of that id on the log (the one that runs).
    private final Map<TaskId, CompletableFuture<String>> firstRequests = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> caughtUp = new CompletableFuture<>();

    /** @param nonce the {@link StreamMarker} nonce this reader publishes; reading it back means "caught up" */
    public TaskLedger(String nonce) {
        this.nonce = Objects.requireNonNull(nonce, "nonce");
    }

    /** The marker nonce to publish. */
    public String nonce() {
        return nonce;
    }

    /** Applies one message from the log. */
    public void apply(TaskMessage message) {
        switch (message) {
            case CancelTask cancel -> cancelled.add(cancel.taskId());
            case TaskPhaseChanged changed -> {
                progress.merge(changed.taskId(), new Progress(changed.phase(), changed.director()), TaskLedger::furthest);
                if (changed.phase().isTerminal()) {
                    openRequests.remove(changed.taskId());
                }
            }
            case StreamMarker marker -> {
                if (nonce.equals(marker.nonce())) {
                    caughtUp.complete(null);
                }
            }
            // QUEUED is implied; the reaper needs to know the task exists (objects of unknown tasks are leaks).
            case TaskRequested request -> {
                requested.add(request.taskId());
                // complete() takes only the first value: a later copy (or a replay of the first) changes nothing.
                boolean first = firstRequests.computeIfAbsent(request.taskId(), id -> new CompletableFuture<>())
                        .complete(submissionOf(request));
                if (first && !isTerminal(request.taskId()) && request.spec() != null) {
                    openRequests.put(request.taskId(), request);
                }
            }
            // Webhook attempts are the gateways' business: nothing a director decides depends on them.
            case WebhookAttempted attempt -> {
            }
            case TaskCleanedUp removal -> {
                cleanupReported.add(removal.taskId());
                if (removal.complete()) {
                    cleanedUp.add(removal.taskId());
                }
            }
        }
    }

    /** The request of a task that has not ended (empty once it ended, or when its request was never read). */
    public Optional<TaskRequested> openRequest(TaskId taskId) {
        return Optional.ofNullable(openRequests.get(taskId));
    }

    /**
     * The submission id a request counts as: its own, or its task id for a request from before submission ids
     * existed (such requests were never published twice under one id on purpose).
     */
    public static String submissionOf(TaskRequested request) {
        return request.submissionId() != null ? request.submissionId() : request.taskId().value();
    }

    /** The submission id of the first request of this task id on the log, once the log showed one. */
    public Optional<String> firstSubmission(TaskId taskId) {
        CompletableFuture<String> first = firstRequests.get(taskId);
        return first == null ? Optional.empty() : Optional.ofNullable(first.getNow(null));
    }

    /** Completes (with its submission id) once the log showed the first request of this task id. */
    public CompletableFuture<String> firstRequest(TaskId taskId) {
        // A copy: completing it elsewhere cannot change what the log said.
        return firstRequests.computeIfAbsent(taskId, id -> new CompletableFuture<>()).copy();
    }

    /** Whether a client asked to cancel this task. */
    public boolean isCancelled(TaskId taskId) {
        return cancelled.contains(taskId);
    }

    /** Whether the log holds anything about the task (its request or a phase move). */
    public boolean isKnown(TaskId taskId) {
        return requested.contains(taskId) || progress.containsKey(taskId);
    }

    /** Whether a director reported the task's objects completely removed. */
    public boolean isCleanedUp(TaskId taskId) {
        return cleanedUp.contains(taskId);
    }

    /** Whether a director reported a removal of the task's objects, complete or not. */
    public boolean isCleanupReported(TaskId taskId) {
        return cleanupReported.contains(taskId);
    }

    /** Whether the task reached a terminal phase. */
    public boolean isTerminal(TaskId taskId) {
        Progress p = progress.get(taskId);
        return p != null && p.phase().isTerminal();
    }

    /** The task's latest phase move, if any director moved it. */
    public Optional<Progress> progress(TaskId taskId) {
        return Optional.ofNullable(progress.get(taskId));
    }

    /** Completes when this reader has read its own marker back. */
    public CompletableFuture<Void> caughtUp() {
        return caughtUp;
    }

    /** Whether {@link #caughtUp()} completed. */
    public boolean isCaughtUp() {
        return caughtUp.isDone();
    }

    /** How many tasks the ledger knows a phase of. */
    public int knownTasks() {
        return progress.size();
    }

    // Phases only move forward along the transition table, so on replay or reordering the later one wins.
    private static Progress furthest(Progress known, Progress seen) {
        return reachable(known.phase(), seen.phase()) ? seen : known;
    }

    /** Whether {@code to} lies after {@code from} in the transition table. */
    static boolean reachable(Phase from, Phase to) {
        Set<Phase> frontier = EnumSet.noneOf(Phase.class);
        frontier.addAll(from.next());
        Set<Phase> seen = EnumSet.noneOf(Phase.class);
        while (!frontier.isEmpty()) {
            if (frontier.contains(to)) {
                return true;
            }
            seen.addAll(frontier);
            Set<Phase> next = EnumSet.noneOf(Phase.class);
            frontier.forEach(p -> next.addAll(p.next()));
            next.removeAll(seen);
            frontier = next;
        }
        return false;
    }
}
