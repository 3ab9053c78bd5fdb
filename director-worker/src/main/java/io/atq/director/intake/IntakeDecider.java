package io.atq.director.intake;

import io.atq.contracts.messages.MessageCodec;
import io.atq.contracts.messages.MessageType;
import io.atq.contracts.messages.TaskMessage;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.messages.UnreadableMessageException;
import io.atq.contracts.tasks.TaskId;
import io.atq.contracts.validation.Admission;
import io.atq.contracts.validation.AdmittedSpec;
import io.atq.contracts.validation.TaskSpecValidator;
import io.atq.contracts.validation.Violation;
import io.atq.director.ledger.TaskLedger;
import org.jspecify.annotations.Nullable;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * Decides what to do with a request message, before any Docker call. Pure: it reads the ledger, the validator
 * (this director's whitelist) and the clock.
 */
public final class IntakeDecider {
    private static final MessageCodec LENIENT = new MessageCodec();

    private final MessageCodec codec;
    private final TaskSpecValidator validator;
    private final TaskLedger ledger;
    private final Predicate<TaskId> runningHere;
    private final Clock clock;
    private final Predicate<String> bundlePresent;

    /** Completes once the task log showed the first request of this task id (see {@link IntakeDecision.AwaitLog}). */
    public CompletableFuture<String> logged(TaskId taskId) {
        return ledger.firstRequest(taskId);
    }

    /**
     * @param codec         a {@link MessageCodec#strict() strict} codec: a command with fields we do not know (a forged
     *                      {@code "privileged": true}) is refused, never run with the field silently dropped
     * @param bundlePresent whether a test-data bundle is in the shared folder: a task whose bundle is missing ends
     *                      FAILED/CONFIG naming the bundle, before any Docker call
     */
    public IntakeDecider(MessageCodec codec, TaskSpecValidator validator, TaskLedger ledger, Predicate<TaskId> runningHere,
                         Predicate<String> bundlePresent, Clock clock) {
        if (!codec.isStrict()) {
            throw new IllegalArgumentException("commands must be decoded with MessageCodec.strict()");
        }
        this.codec = codec;
        this.validator = validator;
        this.ledger = ledger;
        this.runningHere = runningHere;
        this.bundlePresent = bundlePresent;
        this.clock = clock;
    }

    /** Decides for the raw message (AMQP {@code type} property and body). */
    public IntakeDecision decide(@Nullable String typeId, byte[] body) {
        TaskMessage message;
        try {
            message = codec.decode(typeId, body);
        } catch (UnreadableMessageException e) {
            return new IntakeDecision.DeadLetter(Objects.requireNonNull(e.getMessage()), failable(typeId, body));
        }
        if (!(message instanceof TaskRequested request)) {
            return new IntakeDecision.DeadLetter("a " + typeId + " does not belong on the request queue");
        }
        return decide(request);
    }

    /**
     * The request as a lenient read sees it, when that yields a well-formed task id this director may still end
     * (nobody recorded any phase for it): so a forged or garbled request's client gets FAILED/CONFIG, not silence.
     */
    private @Nullable TaskRequested failable(@Nullable String typeId, byte[] body) {
        if (!MessageType.TASK_REQUESTED.id().equals(typeId)) {
            return null;
        }
        try {
            // A request read at all has a valid task id: TaskId refuses anything else (a "../.." never gets further).
            if (LENIENT.decode(typeId, body) instanceof TaskRequested request
                    && ledger.progress(request.taskId()).isEmpty() && !ledger.isCancelled(request.taskId())
                    && !runningHere.test(request.taskId())) {
                return request;
            }
        } catch (UnreadableMessageException e) {
            // Not even leniently readable: nobody to tell.
        }
        return null;
    }

    /**
     * Decides for a decoded request. Only the FIRST request of a task id on the task log runs: two gateways given
     * one idempotency key at the same moment publish two requests with one task id, and every gateway answers with
     * the first one on the log. A copy is acknowledged and dropped — no phase, no Docker call.
     */
    public IntakeDecision decide(TaskRequested request) {
        TaskId taskId = request.taskId();
        if (ledger.isTerminal(taskId)) {
            return new IntakeDecision.Skip(request, "already " + ledger.progress(taskId).orElseThrow().phase());
        }
        if (runningHere.test(taskId)) {
            return new IntakeDecision.Skip(request, "already running on this director");
        }
        Optional<TaskLedger.Progress> progress = ledger.progress(taskId);
        if (progress.isPresent()) {
            // Another director took it and its ack got lost (redelivery): it stays the single writer of this task.
            return new IntakeDecision.Skip(request, "already " + progress.get().phase() + " on director " + progress.get().director());
        }
        // Before the log check: a request that never reached the log (put straight on the queue) is refused with
        // its reason at once, rather than returned to the queue until the broker gives up on it.
        AdmittedSpec admitted;
        switch (validator.admit(request.spec())) {
            case Admission.Refused refused -> {
                return new IntakeDecision.Refuse(request, refused.violations());
            }
            case Admission.Admitted a -> admitted = a.spec();
        }
        Optional<String> first = ledger.firstSubmission(taskId);
        if (first.isEmpty()) {
            return new IntakeDecision.AwaitLog(request);
        }
        if (!first.get().equals(TaskLedger.submissionOf(request))) {
            return new IntakeDecision.Skip(request, "a copy (submission " + TaskLedger.submissionOf(request)
                    + "): the task log's first request for this task is submission " + first.get());
        }
        // After the copy check: refusing emits FAILED, which only the first request of a task id may cause.
        String bundle = request.spec().bundle();
        if (bundle != null && !bundlePresent.test(bundle)) {
            // Deleted after submission, or the shared folder is not mounted here: either way rerunning cannot help.
            return new IntakeDecision.Refuse(request, List.of(new Violation("bundle", "bundle " + bundle
                    + " is not in the shared folder of this director (deleted, or the shared folder is not mounted)")));
        }
        if (ledger.isCancelled(taskId)) {
            return new IntakeDecision.CancelBeforeStart(request);
        }
        if (!clock.instant().isBefore(request.deadline())) {
            return new IntakeDecision.Expire(request);
        }
        return new IntakeDecision.Run(request, admitted);
    }
}
