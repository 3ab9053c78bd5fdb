package io.atq.contracts.messages;

import io.atq.contracts.phase.FailureCause;
import org.jspecify.annotations.Nullable;

/**
 * Why a task did not succeed.
 *
 * @param cause   set for {@code FAILED}; {@code null} for {@code TIMED_OUT} and {@code CANCELLED}
 * @param message human-readable detail (for {@code TIMED_OUT} it names the phase)
 */
public record Failure(@Nullable FailureCause cause, String message) {
    public static Failure of(@Nullable FailureCause cause, String message) {
        return new Failure(cause, message);
    }

    public static Failure because(String message) {
        return new Failure(null, message);
    }
}
