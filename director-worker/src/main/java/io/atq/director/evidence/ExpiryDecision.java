package io.atq.director.evidence;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Whether one task folder's evidence expires now. Retention counts from the end marker the director wrote at the
 * terminal phase, never from a file's mtime (a copy or a late write would move it). Pure.
 */
public final class ExpiryDecision {

    /** What the task log says about the folder's task. */
    public enum TaskStatus { UNKNOWN, NOT_ENDED, ENDED }

    /** What to do with the folder. */
    public enum Action {
        /** Retention has not passed (or the task still runs). */
        KEEP,
        /** Retention has passed: remove the folder. */
        EXPIRE,
        /** The task ended but no marker was written (its director died first): write one now, so retention starts. */
        MARK_ENDED,
        /** Nothing is known about it: not ours to judge (another system's folder, or a task older than the log). */
        LEAVE
    }

    /**
     * @param action what to do
     * @param reason why, for the log
     */
    public record Verdict(Action action, String reason) {
    }

    private final Duration retention;

    public ExpiryDecision(Duration retention) {
        if (retention == null || retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive, was " + retention);
        }
        this.retention = retention;
    }

    /**
     * @param marker the end marker's text, empty when there is none
     * @param status what the task log says about the task
     * @param now    the current time
     */
    public Verdict decide(Optional<String> marker, TaskStatus status, Instant now) {
        if (marker.isPresent()) {
            Instant endedAt;
            try {
                endedAt = Instant.parse(marker.get().strip());
            } catch (DateTimeParseException e) {
                // Empty while its writer is between create and write; anything else needs a human, not a deletion.
                return new Verdict(Action.LEAVE, "unreadable end marker '" + marker.get().strip() + "'");
            }
            Instant expiresAt = endedAt.plus(retention);
            return now.isBefore(expiresAt)
                    ? new Verdict(Action.KEEP, "ended " + endedAt + ", kept until " + expiresAt)
                    : new Verdict(Action.EXPIRE, "ended " + endedAt + ", retention " + retention + " passed at " + expiresAt);
        }
        return switch (status) {
            case ENDED -> new Verdict(Action.MARK_ENDED, "ended without an end marker: retention counts from now");
            case NOT_ENDED -> new Verdict(Action.KEEP, "not ended");
            case UNKNOWN -> new Verdict(Action.LEAVE, "unknown to the task log and no end marker");
        };
    }
}
