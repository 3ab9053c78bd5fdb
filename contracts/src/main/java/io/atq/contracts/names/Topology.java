package io.atq.contracts.names;

import java.util.Map;

/**
 * RabbitMQ names and declaration arguments. Both apps declare the same topology with these exact arguments
 * (a queue redeclared with other arguments fails with PRECONDITION_FAILED): change an argument, bump the {@code .vN}.
 *
 * <pre>
 * gateway ──publish──▶ [atq.tasks.v1 topic] ──task.requested──▶ (atq.task-requests.v1 quorum) ──▶ directors
 *                              │                                          └─ dead letters ─▶ [atq.dead-letters.v1] ─▶ (atq.task-requests.dead.v1)
 *                              └──task.#──▶ (atq.task-log.v1 stream) ──replay──▶ gateways' read models, directors' cancel ledger
 * directors ──publish──▶ [atq.tasks.v1] (task.phase-changed, task.cleaned-up)
 * </pre>
 */
public final class Topology {
    private Topology() {
    }

    /** Topic exchange every ATQ message is published to. */
    public static final String EXCHANGE = "atq.tasks.v1";
    /** Quorum queue of {@code TaskRequested} commands, consumed by directors. */
    public static final String REQUEST_QUEUE = "atq.task-requests.v1";
    /** Fanout exchange for messages the request queue rejects or gives up on. */
    public static final String DEAD_LETTER_EXCHANGE = "atq.dead-letters.v1";
    /** Quorum queue holding dead letters for an operator to inspect. */
    public static final String DEAD_LETTER_QUEUE = "atq.task-requests.dead.v1";
    /** Stream holding every message about every task: the replayable log read models are built from. */
    public static final String LOG_STREAM = "atq.task-log.v1";

    /** Non-durable fanout exchange of director heartbeats (leases); each director binds its own exclusive queue. */
    public static final String HEARTBEAT_EXCHANGE = "atq.heartbeats.v1";

    /** Routing key of {@code TaskRequested}. */
    public static final String KEY_REQUESTED = "task.requested";
    /** Routing key of {@code TaskPhaseChanged}. */
    public static final String KEY_PHASE_CHANGED = "task.phase-changed";
    /** Routing key of {@code CancelTask}. */
    public static final String KEY_CANCEL = "task.cancel";
    /** Routing key of {@code TaskCleanedUp}. */
    public static final String KEY_CLEANED_UP = "task.cleaned-up";
    /** Routing key of {@code StreamMarker}. */
    public static final String KEY_MARKER = "task.stream-marker";
    /** Binding of the log stream: everything. */
    public static final String KEY_ALL = "task.#";

    /** How often a poison message is redelivered before the broker dead-letters it. */
    public static final int DELIVERY_LIMIT = 5;

    /** Arguments of {@link #REQUEST_QUEUE}. */
    public static Map<String, Object> requestQueueArguments() {
        return Map.of(
                "x-queue-type", "quorum",
                "x-dead-letter-exchange", DEAD_LETTER_EXCHANGE,
                "x-delivery-limit", DELIVERY_LIMIT);
    }

    /** Arguments of {@link #DEAD_LETTER_QUEUE}. */
    public static Map<String, Object> deadLetterQueueArguments() {
        return Map.of("x-queue-type", "quorum");
    }

    /** Arguments of {@link #LOG_STREAM}: kept seven days, in 50 MB segments. */
    public static Map<String, Object> logStreamArguments() {
        return Map.of(
                "x-queue-type", "stream",
                "x-max-age", "7D",
                "x-stream-max-segment-size-bytes", 50_000_000);
    }

    /** The routing key a message of this type id is published with. */
    public static String routingKey(String typeId) {
        return switch (typeId) {
            case "task-requested.v1" -> KEY_REQUESTED;
            case "task-phase-changed.v1" -> KEY_PHASE_CHANGED;
            case "cancel-task.v1" -> KEY_CANCEL;
            case "task-cleaned-up.v1" -> KEY_CLEANED_UP;
            case "stream-marker.v1" -> KEY_MARKER;
            default -> throw new IllegalArgumentException("no routing key for type id " + typeId);
        };
    }
}
