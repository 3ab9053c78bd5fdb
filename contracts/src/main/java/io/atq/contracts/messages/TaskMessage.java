package io.atq.contracts.messages;

import io.atq.contracts.tasks.TaskId;
import org.jspecify.annotations.Nullable;

/**
 * Every message ATQ puts on the broker. Each travels as JSON with a short, versioned type id
 * (the AMQP {@code type} property), never a Java class name; {@link MessageType} lists them all.
 */
public sealed interface TaskMessage permits TaskRequested, TaskPhaseChanged, CancelTask, TaskCleanedUp, StreamMarker,
        WebhookAttempted {

    /** The task this message is about ({@code null} for a {@link StreamMarker}). */
    @Nullable TaskId taskId();

    /** This message's entry in the registry of message types. */
    default MessageType type() {
        return MessageType.of(this);
    }

    /** The type id this message travels under. */
    default String typeId() {
        return type().id();
    }
}
