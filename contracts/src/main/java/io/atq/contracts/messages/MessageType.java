package io.atq.contracts.messages;

import org.jspecify.annotations.Nullable;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one registry of what travels on the broker: for every {@link TaskMessage} record, its type id (the AMQP
 * {@code type} property, short and versioned, never a Java class name), its routing key on the task exchange and,
 * for the events webhooks may report, the quiet key used when no callback is told about it. The codec, the
 * publishers and the topology's bindings all read it from here.
 */
public enum MessageType {
    /** {@link TaskRequested}: a gateway's command to run a task. */
    TASK_REQUESTED("task-requested.v1", TaskRequested.class, "task.requested", "task.requested.quiet"),
    /** {@link TaskPhaseChanged}: a director's record of a task's move. */
    TASK_PHASE_CHANGED("task-phase-changed.v1", TaskPhaseChanged.class, "task.phase-changed", "task.phase-changed.quiet"),
    /** {@link CancelTask}: a client's cancel, read back from the task log by directors. */
    CANCEL_TASK("cancel-task.v1", CancelTask.class, "task.cancel", null),
    /** {@link TaskCleanedUp}: a director removed (or failed to remove) a task's Swarm objects. */
    TASK_CLEANED_UP("task-cleaned-up.v1", TaskCleanedUp.class, "task.cleaned-up", null),
    /** {@link StreamMarker}: a reader's own mark on the task log, to know when it caught up. */
    STREAM_MARKER("stream-marker.v1", StreamMarker.class, "task.stream-marker", null),
    /** {@link WebhookAttempted}: one webhook delivery attempt and its outcome. */
    WEBHOOK_ATTEMPTED("webhook-attempted.v1", WebhookAttempted.class, "task.webhook-attempted", null);

    private static final Map<String, MessageType> BY_ID = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(MessageType::id, Function.identity()));
    // Records are final, so a message's class names its type exactly.
    private static final Map<Class<? extends TaskMessage>, MessageType> BY_CLASS = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(MessageType::recordClass, Function.identity()));

    private final String id;
    private final Class<? extends TaskMessage> recordClass;
    private final String routingKey;
    private final @Nullable String quietRoutingKey;

    MessageType(String id, Class<? extends TaskMessage> recordClass, String routingKey, @Nullable String quietRoutingKey) {
        this.id = id;
        this.recordClass = recordClass;
        this.routingKey = routingKey;
        this.quietRoutingKey = quietRoutingKey;
    }

    /** The type id on the wire, e.g. {@code task-requested.v1}. */
    public String id() {
        return id;
    }

    /** The record a message of this type is read into. */
    public Class<? extends TaskMessage> recordClass() {
        return recordClass;
    }

    /** The routing key on the task exchange; the one the webhook event queue is bound with for reportable events. */
    public String routingKey() {
        return routingKey;
    }

    /** The routing key of an event no webhook reports, for the types that have one (requests and phase changes). */
    public Optional<String> quietRoutingKey() {
        return Optional.ofNullable(quietRoutingKey);
    }

    /**
     * The routing key of a message of this type: a request or phase change a callback is told about keeps its plain key
     * (bound to the webhook event queue); one that no callback is told about gets the quiet key, so the broker does not
     * queue it for the gateways' webhook consumers only to be skipped. A publisher that does not know (a director
     * taking over a task) uses the plain key: that only costs a skipped event. Types without a quiet key always use
     * their plain key.
     */
    public String routingKey(boolean reportedToWebhooks) {
        return reportedToWebhooks || quietRoutingKey == null ? routingKey : quietRoutingKey;
    }

    /** The type with this id, if any. */
    public static Optional<MessageType> byId(@Nullable String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(BY_ID.get(id));
    }

    /** The type of this message. */
    public static MessageType of(TaskMessage message) {
        MessageType type = BY_CLASS.get(message.getClass());
        if (type == null) {
            // Only a TaskMessage record added without its row above gets here; MessageTypeTest catches that first.
            throw new IllegalStateException("no MessageType for " + message.getClass().getName());
        }
        return type;
    }
}
