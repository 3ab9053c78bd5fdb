package io.atq.contracts.messages;

/** A message body or type id that cannot be decoded. Retrying never helps: dead-letter it. */
public final class UnreadableMessageException extends RuntimeException {
    private final String typeId;

    public UnreadableMessageException(String typeId, String message, Throwable cause) {
        super("cannot read message of type '" + typeId + "': " + message, cause);
        this.typeId = typeId;
    }

    public String getTypeId() {
        return typeId;
    }

    /** Always {@code false}: the same bytes fail the same way. */
    public boolean isRetryable() {
        return false;
    }
}
