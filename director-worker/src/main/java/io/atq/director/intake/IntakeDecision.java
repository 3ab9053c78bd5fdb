package io.atq.director.intake;

import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.validation.Violation;

import java.util.List;

/** What to do with one message from the request queue. */
public sealed interface IntakeDecision {

    /** Unreadable or not a command for us: dead-letter it. */
    record DeadLetter(String reason) implements IntakeDecision {
    }

    /** A duplicate delivery (already terminal, or already running somewhere): acknowledge and do nothing. */
    record Skip(TaskRequested request, String reason) implements IntakeDecision {
    }

    /** The spec breaks this director's configuration: FAILED with cause CONFIG. */
    record Refuse(TaskRequested request, List<Violation> violations) implements IntakeDecision {
        public Refuse {
            violations = List.copyOf(violations);
        }
    }

    /** A client cancelled it while it was queued: CANCELLED. */
    record CancelBeforeStart(TaskRequested request) implements IntakeDecision {
    }

    /** Its deadline passed while it was queued: TIMED_OUT. */
    record Expire(TaskRequested request) implements IntakeDecision {
    }

    /** Run it. */
    record Run(TaskRequested request) implements IntakeDecision {
    }
}
