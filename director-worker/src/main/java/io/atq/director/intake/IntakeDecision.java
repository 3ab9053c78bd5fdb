package io.atq.director.intake;

import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.validation.AdmittedSpec;
import io.atq.contracts.validation.Violation;
import org.jspecify.annotations.Nullable;

import java.util.List;

/** What to do with one message from the request queue. */
public sealed interface IntakeDecision {

    /**
     * Unreadable, forged or not a command for us: dead-letter it at once (redelivery would fail the same way).
     *
     * @param reason  why, for the dead letter's {@code atq-reject-reason} header
     * @param failing the request as a lenient read saw it, when its task id is readable and the task not yet known:
     *                it ends FAILED/CONFIG so its client is not left waiting; {@code null} otherwise
     */
    record DeadLetter(String reason, @Nullable TaskRequested failing) implements IntakeDecision {
        public DeadLetter(String reason) {
            this(reason, null);
        }
    }

    /**
     * A duplicate delivery (already terminal, or already running somewhere) or a copy that is not the first request
     * of its task id on the task log: acknowledge and do nothing.
     */
    record Skip(TaskRequested request, String reason) implements IntakeDecision {
    }

    /** The spec breaks this director's configuration: FAILED with cause CONFIG, and the message to the dead-letter queue. */
    record Refuse(TaskRequested request, List<Violation> violations) implements IntakeDecision {
        public Refuse {
            violations = List.copyOf(violations);
        }
    }

    /**
     * The task log has not shown any request of this task id yet, so it is unknown whether this one is the first:
     * wait (bounded) for the log, then decide again.
     */
    record AwaitLog(TaskRequested request) implements IntakeDecision {
    }

    /** A client cancelled it while it was queued: CANCELLED. */
    record CancelBeforeStart(TaskRequested request) implements IntakeDecision {
    }

    /** Its deadline passed while it was queued: TIMED_OUT. */
    record Expire(TaskRequested request) implements IntakeDecision {
    }

    /** Run it, with its images as this director's whitelist admitted them. */
    record Run(TaskRequested request, AdmittedSpec admitted) implements IntakeDecision {
    }
}
