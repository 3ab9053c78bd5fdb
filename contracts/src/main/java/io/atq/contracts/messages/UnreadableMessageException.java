package io.atq.contracts.messages;

import org.jspecify.annotations.Nullable;

/** A message body or type id that cannot be decoded. Retrying never helps: dead-letter it. */
public final class UnreadableMessageException extends RuntimeException {
    private final @Nullable String typeId;

    public UnreadableMessageException(@Nullable String typeId, @Nullable String message, @Nullable Throwable cause) {
        super("cannot read message of type '" + typeId + "': " + message, cause);
        this.typeId = typeId;
    }

    public @Nullable String getTypeId() {
        return typeId;
    }

    /** Always {@code false}: the same bytes fail the same way. */
    public boolean isRetryable() {
        return false;
    }
}
