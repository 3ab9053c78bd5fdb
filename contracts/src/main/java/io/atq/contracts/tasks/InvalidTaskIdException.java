package io.atq.contracts.tasks;

import org.jspecify.annotations.Nullable;

/** A string that is not a task id; the message names the raw input and the form a task id has. */
public final class InvalidTaskIdException extends IllegalArgumentException {
    private final @Nullable String raw;

    public InvalidTaskIdException(@Nullable String raw) {
        super("taskId '" + raw + "' is not a lower-case UUID (8-4-4-4-12 hex digits)");
        this.raw = raw;
    }

    /** The rejected input, as given. */
    public @Nullable String getRaw() {
        return raw;
    }
}
