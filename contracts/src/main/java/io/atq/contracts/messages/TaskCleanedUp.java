package io.atq.contracts.messages;

import io.atq.contracts.tasks.TaskId;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.Objects;

/**
 * Event from a director: the task's Swarm objects were removed (after its terminal phase).
 *
 * @param taskId   the task
 * @param at       when removal finished
 * @param director the director that removed them
 * @param complete whether every object is gone; {@code false} leaves the rest to the reaper
 * @param message  detail when not complete
 */
public record TaskCleanedUp(TaskId taskId, Instant at, String director, boolean complete, @Nullable String message)
        implements TaskMessage {
    public TaskCleanedUp {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(at, "at");
    }
}
