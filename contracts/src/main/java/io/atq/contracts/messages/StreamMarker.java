package io.atq.contracts.messages;

import io.atq.contracts.tasks.TaskId;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.Objects;

/**
 * A reader of the task log writes this with a fresh nonce and replays the stream until it reads it back:
 * then it has caught up with everything published before it started (AMQP 0-9-1 cannot ask a stream for its tail).
 *
 * @param nonce  unique per reader start
 * @param at     when it was written
 */
public record StreamMarker(String nonce, Instant at) implements TaskMessage {
    public StreamMarker {
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(at, "at");
    }

    @Override
    public @Nullable TaskId taskId() {
        return null;
    }
}
