package io.atq.gateway.web;

import io.atq.contracts.config.ClientConfig;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.messages.TaskSpec;
import io.atq.contracts.tasks.TaskId;
import io.atq.gateway.idempotency.IdempotencyKey;
import io.atq.gateway.idempotency.RequestFingerprint;
import io.atq.gateway.idempotency.SubmissionVerdict;
import io.atq.gateway.problems.IdempotencyConflictException;
import io.atq.gateway.problems.LimitExceededException;
import io.atq.gateway.problems.SubmissionUnconfirmedException;
import io.atq.gateway.stream.LiveUpdates;
import io.atq.gateway.tasks.Submission;
import io.atq.gateway.tasks.TaskBook;
import io.atq.gateway.tasks.TaskState;
import io.atq.gateway.tenancy.ActiveUsage;
import io.atq.gateway.tenancy.ActiveUsageIndex;
import io.atq.gateway.tenancy.ClientLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * Accepts a parsed, valid task for a client: limits, then publish (confirmed).
 *
 * <p>With an {@code Idempotency-Key} the task id is derived from client and key, and the task is whatever the FIRST
 * request of that id on the task log says — the rule directors follow too, so a gateway never answers with a task
 * that no director runs. A key already known here is answered from the read model without publishing. Otherwise the
 * request is published and this gateway waits (bounded) until its read model has read the first request of that id
 * back from the log: ours, an identical one from a concurrent submission (a replay), or a different one (422).
 */
public class TaskSubmission {
    private static final Logger log = LoggerFactory.getLogger(TaskSubmission.class);

    /**
     * The task a submission is answered with.
     *
     * @param task     the task as the read model has it
     * @param replayed whether an earlier submission with the same key created it
     */
    public record Accepted(TaskState task, boolean replayed) {
    }

    private final TaskBook book;
    private final ActiveUsageIndex activeUsage;
    private final LiveUpdates updates;
    private final BoundedPublish publishing;
    private final Clock clock;
    private final Duration logWait;

    /** @param logWait how long a keyed submission waits to read the first request of its id back from the task log */
    public TaskSubmission(TaskBook book, ActiveUsageIndex activeUsage, LiveUpdates updates, BoundedPublish publishing, Clock clock,
                          Duration logWait) {
        this.book = book;
        this.activeUsage = activeUsage;
        this.updates = updates;
        this.publishing = publishing;
        this.clock = clock;
        this.logWait = logWait;
    }

    /** Accepts {@code spec} for {@code client}; see the class comment for what a key changes. */
    public Mono<Accepted> submit(ClientConfig client, Optional<IdempotencyKey> key, TaskSpec spec) {
        return Mono.defer(() -> key.isPresent() ? submitKeyed(client, key.get(), spec) : submitFresh(client, spec));
    }

    private Mono<Accepted> submitFresh(ClientConfig client, TaskSpec spec) {
        requireWithinLimits(client, spec);
        TaskRequested requested = new TaskRequested(TaskId.random(), spec, clock.instant(), client.id(),
                UUID.randomUUID().toString(), null, null);
        // A random id has no competitor: recorded at once, so this gateway answers GET before its replay reaches it.
        return publish(requested)
                .then(Mono.fromSupplier(() -> book.apply(requested).orElseThrow()))
                .map(task -> accepted(task, client, false));
    }

    private Mono<Accepted> submitKeyed(ClientConfig client, IdempotencyKey key, TaskSpec spec) {
        TaskId taskId = key.taskId(client.id());
        Submission ours = new Submission(client.id(), UUID.randomUUID().toString(), key.value(), RequestFingerprint.of(spec));
        Optional<TaskState> known = book.find(taskId);
        if (known.isPresent()) {
            return Mono.just(settle(known.get(), ours, client));
        }
        requireWithinLimits(client, spec);
        TaskRequested requested = new TaskRequested(taskId, spec, clock.instant(), client.id(), ours.submissionId(),
                key.value(), ours.requestHash());
        // Not recorded locally: which copy is the task is decided by the log's order, so this gateway reads it back.
        return publish(requested)
                .then(firstOnLog(taskId))
                .map(first -> settle(first, ours, client));
    }

    private Accepted settle(TaskState first, Submission ours, ClientConfig client) {
        return switch (SubmissionVerdict.judge(first.submission(), ours)) {
            case OURS -> accepted(first, client, false);
            case REPLAY -> accepted(first, client, true);
            case CONFLICT -> {
                log.info("Task {}: client {} reused its Idempotency-Key with another request, refused", first.id(), client.id());
                throw new IdempotencyConflictException(first.id());
            }
        };
    }

    private static Accepted accepted(TaskState task, ClientConfig client, boolean replayed) {
        log.info("Task {} {} for client {} ({} x {})", task.id(), replayed ? "replayed" : "accepted", client.id(),
                task.spec().workers().replicas(), task.spec().workers().image());
        return new Accepted(task, replayed);
    }

    /** The task as created by the first request of its id on the log; live updates first, so none is missed. */
    private Mono<TaskState> firstOnLog(TaskId taskId) {
        return Flux.merge(updates.of(taskId), Mono.defer(() -> Mono.justOrEmpty(book.find(taskId))))
                .next()
                .timeout(logWait, Mono.error(() -> new SubmissionUnconfirmedException(taskId, logWait)));
    }

    private void requireWithinLimits(ClientConfig client, TaskSpec spec) {
        // One gateway's view of the shared log: exact once the log is read, a few milliseconds behind otherwise.
        ActiveUsage usage = activeUsage.of(client.id());
        ClientLimits.check(client, usage, spec.workers().replicas()).ifPresent(exceeded -> {
            log.info("Client {} refused: {}", client.id(), exceeded.describe());
            throw new LimitExceededException(exceeded);
        });
    }

    private Mono<Void> publish(TaskRequested requested) {
        return publishing.publish(requested);
    }
}
