package io.atq.contracts.messages;

import io.atq.contracts.tasks.TaskId;
import org.jspecify.annotations.Nullable;

/**
 * Every message ATQ puts on the broker. Each travels as JSON with a short, versioned type id
 * (the AMQP {@code type} property), never a Java class name; see {@link MessageCodec}.
 */
public sealed interface TaskMessage permits TaskRequested, TaskPhaseChanged, CancelTask, TaskCleanedUp, StreamMarker,
        WebhookAttempted {

    /** The task this message is about ({@code null} for a {@link StreamMarker}). */
    @Nullable TaskId taskId();

    /** The type id this message travels under. */
    default String typeId() {
        return switch (this) {
            case TaskRequested r -> TaskRequested.TYPE_ID;
            case TaskPhaseChanged c -> TaskPhaseChanged.TYPE_ID;
            case CancelTask c -> CancelTask.TYPE_ID;
            case TaskCleanedUp c -> TaskCleanedUp.TYPE_ID;
            case StreamMarker m -> StreamMarker.TYPE_ID;
            case WebhookAttempted w -> WebhookAttempted.TYPE_ID;
        };
    }
}
