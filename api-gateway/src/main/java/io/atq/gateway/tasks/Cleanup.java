package io.atq.gateway.tasks;

import org.jspecify.annotations.Nullable;

import java.time.Instant;

/**
 * Whether a task's Swarm objects are gone.
 *
 * @param done whether a director reported every object removed
 * @param at   when the last removal report arrived; {@code null} before any
 */
public record Cleanup(boolean done, @Nullable Instant at) {
    /** No removal reported yet. */
    public static final Cleanup NOT_YET = new Cleanup(false, null);
}
