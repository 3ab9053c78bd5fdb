package io.atq.director.intake;

import io.atq.contracts.messages.MessageCodec;
import io.atq.contracts.messages.TaskMessage;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.messages.UnreadableMessageException;
import io.atq.contracts.validation.TaskSpecValidator;
import io.atq.contracts.validation.Violation;
import io.atq.director.ledger.TaskLedger;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Decides what to do with a request message, before any Docker call. Pure: it reads the ledger, the validator
 * (this director's whitelist) and the clock.
 */
public final class IntakeDecider {
    private final MessageCodec codec;
    private final TaskSpecValidator validator;
    private final TaskLedger ledger;
    private final Predicate<String> runningHere;
    private final Clock clock;

    public IntakeDecider(MessageCodec codec, TaskSpecValidator validator, TaskLedger ledger, Predicate<String> runningHere, Clock clock) {
        this.codec = codec;
        this.validator = validator;
        this.ledger = ledger;
        this.runningHere = runningHere;
        this.clock = clock;
    }

    /** Decides for the raw message (AMQP {@code type} property and body). */
    public IntakeDecision decide(String typeId, byte[] body) {
        TaskMessage message;
        try {
            message = codec.decode(typeId, body);
        } catch (UnreadableMessageException e) {
            return new IntakeDecision.DeadLetter(e.getMessage());
        }
        if (!(message instanceof TaskRequested request)) {
            return new IntakeDecision.DeadLetter("a " + typeId + " does not belong on the request queue");
        }
        return decide(request);
    }

    /** Decides for a decoded request. */
    public IntakeDecision decide(TaskRequested request) {
        String taskId = request.taskId();
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
        if (ledger.isCancelled(taskId)) {
            return new IntakeDecision.CancelBeforeStart(request);
        }
        List<Violation> violations = validator.validate(request.spec());
        if (!violations.isEmpty()) {
            return new IntakeDecision.Refuse(request, violations);
        }
        if (!clock.instant().isBefore(request.deadline())) {
            return new IntakeDecision.Expire(request);
        }
        return new IntakeDecision.Run(request);
    }
}
