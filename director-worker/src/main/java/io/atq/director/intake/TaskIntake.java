package io.atq.director.intake;

import io.atq.contracts.messages.Failure;
import io.atq.contracts.messages.TaskCleanedUp;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.phase.FailureCause;
import io.atq.contracts.phase.Phase;
import io.atq.contracts.validation.AdmittedSpec;
import io.atq.director.capacity.Capacity;
import io.atq.director.events.EventPublishException;
import io.atq.director.events.TaskEvents;
import io.atq.director.orchestration.HandedOver;
import io.atq.director.orchestration.PhaseObserver;
import io.atq.director.orchestration.PhaseRecorder;
import io.atq.director.orchestration.TaskRunner;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Acts on an {@link IntakeDecision} and says what to do with the message. A run is acknowledged once it recorded
 * its progress in Swarm, not when it ends: RabbitMQ's consumer timeout would close the channel during long runs.
 */
public final class TaskIntake implements RequestHandler {
    private static final Logger log = LoggerFactory.getLogger(TaskIntake.class);

    /** What happens to the message. */
    public enum Outcome {
        /** Done with it. */
        ACK,
        /** To the dead-letter queue. */
        DEAD_LETTER,
        /** Back to the queue: we could not record anything (broker trouble); the delivery limit bounds the loop. */
        REQUEUE,
        /**
         * Its workers do not fit into the swarm now: a copy goes to the tail of the request queue (confirmed), then the
         * original is acknowledged. A new publish, not a return: the delivery count stays as it was.
         */
        HAND_BACK
    }

    /**
     * What happens to the message, and why (the reason goes into a dead letter's headers).
     *
     * @param outcome ack, dead-letter or requeue
     * @param reason  why it is dead-lettered; {@code null} otherwise
     */
    public record Result(Outcome outcome, @Nullable String reason) {
        public static final Result ACK = new Result(Outcome.ACK, null);
        public static final Result REQUEUE = new Result(Outcome.REQUEUE, null);

        public static Result deadLetter(String reason) {
            return new Result(Outcome.DEAD_LETTER, reason);
        }

        public static Result handBack(String reason) {
            return new Result(Outcome.HAND_BACK, reason);
        }
    }

    /** Longest wait for the task log to show a request the queue delivered (normally milliseconds behind). */
    static final Duration DEFAULT_LOG_WAIT = Duration.ofSeconds(10);

    private final IntakeDecider decider;
    private final TaskRunner runner;
    private final TaskEvents events;
    private final String directorId;
    private final Clock clock;
    private final Capacity capacity;
    private final PhaseObserver observer;
    private Duration logWait = DEFAULT_LOG_WAIT;

    /**
     * @param capacity checked and reserved for every task it runs (the swarm's workers, this director's slots)
     * @param observer told of every phase move this records (see {@link PhaseObserver})
     */
    public TaskIntake(IntakeDecider decider, TaskRunner runner, Capacity capacity, TaskEvents events, String directorId,
                      Clock clock, PhaseObserver observer) {
        this.decider = decider;
        this.runner = runner;
        this.capacity = capacity;
        this.events = events;
        this.directorId = directorId;
        this.clock = clock;
        this.observer = observer;
    }

    /** How long to wait for the task log to show a request before returning it to the queue. */
    public TaskIntake awaitingTheLogFor(Duration wait) {
        this.logWait = wait;
        return this;
    }

    /** Handles one message; blocks while every run permit is taken and until a started run is provisioned. */
    @Override
    public Result handle(@Nullable String typeId, byte[] body) throws InterruptedException {
        IntakeDecision decision = decider.decide(typeId, body);
        if (decision instanceof IntakeDecision.AwaitLog waiting) {
            decision = afterTheLog(waiting.request());
        }
        try {
            return switch (decision) {
                case IntakeDecision.DeadLetter d -> {
                    log.warn("dead-lettering a message of type '{}': {}", typeId, d.reason());
                    if (d.failing() != null) {
                        end(d.failing(), Phase.FAILED, Failure.of(FailureCause.CONFIG, "refused by director " + directorId + ": " + d.reason()));
                    }
                    yield Result.deadLetter(d.reason());
                }
                case IntakeDecision.Skip s -> {
                    log.info("task {}: duplicate delivery skipped: {}", s.request().taskId(), s.reason());
                    yield Result.ACK;
                }
                case IntakeDecision.AwaitLog a -> {
                    // Whether this is the task's first request is unknown; running it could run the task twice.
                    log.warn("task {}: the task log did not show its request within {}; returning it to the queue",
                            a.request().taskId(), logWait);
                    yield Result.REQUEUE;
                }
                case IntakeDecision.Refuse r -> {
                    String violations = r.violations().stream().map(v -> v.field() + ": " + v.message()).collect(Collectors.joining("; "));
                    end(r.request(), Phase.FAILED, Failure.of(FailureCause.CONFIG, "refused by director " + directorId + ": " + violations));
                    // Also kept for an operator: a request the gateway let through but this director refuses is
                    // either forged (written straight to the broker) or a sign of configuration skew.
                    yield Result.deadLetter("invalid: " + violations);
                }
                case IntakeDecision.CancelBeforeStart c -> {
                    end(c.request(), Phase.CANCELLED, Failure.because("cancelled before it started"));
                    yield Result.ACK;
                }
                case IntakeDecision.Expire e -> {
                    end(e.request(), Phase.TIMED_OUT, Failure.because("timed out in QUEUED: the deadline " + e.request().deadline() + " passed before a director took it"));
                    yield Result.ACK;
                }
                case IntakeDecision.Run r when !capacity.fits(r.request().spec().workers().replicas()) -> {
                    int replicas = r.request().spec().workers().replicas();
                    String reason = "needs " + replicas + " workers, " + capacity.load().freeWorkers() + " free of " + capacity.maxWorkers();
                    log.info("task {}: handing it back to the queue: {}", r.request().taskId(), reason);
                    capacity.handedBack(replicas);
                    yield Result.handBack(reason);
                }
                case IntakeDecision.Run r -> {
                    capacity.reserve(r.request().taskId(), r.request().spec().workers().replicas());
                    log.info("task {}: taking it ({} x {}, master {})", r.request().taskId(), r.request().spec().workers().replicas(),
                            r.request().spec().workers().image(), r.request().spec().master().image());
                    yield awaitProvisioned(r.request(), r.admitted()) ? Result.ACK : Result.REQUEUE;
                }
            };
        } catch (EventPublishException e) {
            log.warn("cannot record the decision for a queued task, returning it to the queue: {}", e.getMessage());
            return Result.REQUEUE;
        }
    }

    /** Decides again once the task log showed the task's first request, or gives up after {@link #logWait}. */
    private IntakeDecision afterTheLog(TaskRequested request) throws InterruptedException {
        try {
            decider.logged(request.taskId()).get(logWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return new IntakeDecision.AwaitLog(request);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the ledger's future never fails", e);
        }
        return decider.decide(request);
    }

    /** False when the run was handed over before Swarm recorded it: the request must return to the queue. */
    private boolean awaitProvisioned(TaskRequested request, AdmittedSpec admitted) throws InterruptedException {
        try {
            runner.start(request, admitted).get();
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof HandedOver) {
                log.info("task {}: this director is stopping before it began the task; returning it to the queue", request.taskId());
                return false;
            }
            // The run completes this future itself, even when it fails: nothing to do but acknowledge.
            log.debug("task {}: provisioning future failed", request.taskId(), e);
            return true;
        }
    }

    /** Ends a task that never left QUEUED; nothing was created, so removal is complete at once. */
    private void end(TaskRequested request, Phase terminal, Failure failure) {
        new PhaseRecorder(request.taskId(), request.requestedAt(), directorId, events, clock, null,
                PhaseRecorder.Reporting.forCallback(request.spec() == null ? null : request.spec().callback(), observer))
                .move(terminal, failure);
        events.cleanedUp(new TaskCleanedUp(request.taskId(), clock.instant(), directorId, true, null));
    }
}
