package io.atq.gateway.evidence;

import io.atq.gateway.tasks.PhaseEntry;
import io.atq.gateway.tasks.TaskState;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a task's evidence expires: {@code evidence.retention} after its terminal phase (the time the directors write
 * into the end marker, from which they count too). Pure.
 */
public final class EvidenceRetention {
    private final Duration retention;

    public EvidenceRetention(Duration retention) {
        this.retention = retention;
    }

    /** When the evidence of this task expires; empty while it has not ended. */
    public Optional<Instant> expiresAt(TaskState task) {
        if (!task.isTerminal() || task.history().isEmpty()) {
            return Optional.empty();
        }
        PhaseEntry end = task.history().getLast();
        return Optional.of(end.at().plus(retention));
    }

    /** Whether the evidence is gone (or about to be) by {@code now}. */
    public boolean expired(TaskState task, Instant now) {
        return expiresAt(task).map(at -> !now.isBefore(at)).orElse(false);
    }
}
