package io.atq.contracts.names;

import io.atq.contracts.messages.MessageType;

import java.time.Duration;
import java.util.Map;

/**
 * RabbitMQ names and declaration arguments; each message's type id and routing key is its {@link MessageType}'s. Both
 * apps declare the same topology with these exact arguments (a queue redeclared with other arguments fails with
 * PRECONDITION_FAILED): change an argument, bump the {@code .vN}.
 *
 * <pre>
 * gateway ──publish──▶ [atq.tasks.v1 topic] ──task.requested──▶ (atq.task-requests.v1 quorum) ──▶ directors
 *                              │                                          └─ dead letters ─▶ [atq.dead-letters.v1] ─▶ (atq.task-requests.dead.v1)
 *                              └──task.#──▶ (atq.task-log.v1 stream) ──replay──▶ gateways' read models, directors' cancel ledger
 * directors ──publish──▶ [atq.tasks.v1] (task.phase-changed, task.cleaned-up)
 *
 * webhooks (gateways only consume):
 * [atq.tasks.v1] ──task.requested, task.phase-changed──▶ (atq.webhook-events.v1 quorum) ──▶ one gateway: 1st attempt
 * failed attempt ──▶ (atq.webhook-wait.v1.&lt;ttl&gt;ms quorum, TTL) ──expired, dead-lettered──▶ (atq.webhook-retries.v1 quorum) ──▶ one gateway: retry
 * every attempt ──▶ [atq.tasks.v1] task.webhook-attempted ──▶ log stream (every gateway's /deliveries)
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

    // The routing keys of the messages themselves are MessageType's; these are the ones the topology binds.
    /** Routing key of {@code TaskRequested}, bound to the request queue and the webhook event queue. */
    public static final String KEY_REQUESTED = MessageType.TASK_REQUESTED.routingKey();
    /** Routing key of {@code TaskPhaseChanged}, bound to the webhook event queue. */
    public static final String KEY_PHASE_CHANGED = MessageType.TASK_PHASE_CHANGED.routingKey();
    /**
     * Routing key of a {@code TaskRequested} that no webhook reports (no callback, or terminal phases only): bound to
     * the request queue and (via {@link #KEY_ALL}) the log, not to {@link #WEBHOOK_EVENT_QUEUE}.
     */
    public static final String KEY_REQUESTED_QUIET = MessageType.TASK_REQUESTED.quietRoutingKey().orElseThrow();
    /** Routing key of a {@code TaskPhaseChanged} that no webhook reports: the log gets it, the webhook event queue not. */
    public static final String KEY_PHASE_CHANGED_QUIET = MessageType.TASK_PHASE_CHANGED.quietRoutingKey().orElseThrow();
    /** Binding of the log stream: everything. */
    public static final String KEY_ALL = "task.#";

    /**
     * Quorum queue of the events webhooks report (a copy of each {@code TaskRequested} and {@code TaskPhaseChanged}):
     * gateways compete for it, so each event's first attempt is made by exactly one of them.
     */
    public static final String WEBHOOK_EVENT_QUEUE = "atq.webhook-events.v1";
    /** Quorum queue of webhook retries whose wait is over (dead-lettered here by the wait queues). */
    public static final String WEBHOOK_RETRY_QUEUE = "atq.webhook-retries.v1";
    /** Prefix of the wait queues of the retry ladder; the full name ends with the queue's TTL, e.g. {@code .5000ms}. */
    public static final String WEBHOOK_WAIT_QUEUE_PREFIX = "atq.webhook-wait.v1.";
    /** How often a webhook event is handed out again (e.g. its task not yet known) before the broker drops it. */
    public static final int WEBHOOK_DELIVERY_LIMIT = 10;

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

    /** Arguments of {@link #WEBHOOK_EVENT_QUEUE} and {@link #WEBHOOK_RETRY_QUEUE}: quorum, bounded redeliveries. */
    public static Map<String, Object> webhookWorkQueueArguments() {
        return Map.of(
                "x-queue-type", "quorum",
                "x-delivery-limit", WEBHOOK_DELIVERY_LIMIT);
    }

    /**
     * The wait queue of one step of the webhook retry ladder. The TTL is in the name, so a changed schedule declares
     * new queues instead of failing on the old ones' arguments (PRECONDITION_FAILED).
     */
    public static String webhookWaitQueue(Duration ttl) {
        return WEBHOOK_WAIT_QUEUE_PREFIX + ttl.toMillis() + "ms";
    }

    /**
     * Arguments of a {@link #webhookWaitQueue(Duration) wait queue}: nobody consumes it; a message expires after
     * {@code ttl} (or its own, shorter {@code expiration}) and is dead-lettered through the default exchange straight
     * into {@link #WEBHOOK_RETRY_QUEUE}. At-least-once dead-lettering (RabbitMQ 3.10+, needs {@code reject-publish})
     * keeps a message until the retry queue confirmed it, so a broker crash in between loses no retry.
     */
    public static Map<String, Object> webhookWaitQueueArguments(Duration ttl) {
        return Map.of(
                "x-queue-type", "quorum",
                "x-message-ttl", ttl.toMillis(),
                "x-dead-letter-exchange", "",
                "x-dead-letter-routing-key", WEBHOOK_RETRY_QUEUE,
                "x-dead-letter-strategy", "at-least-once",
                "x-overflow", "reject-publish");
    }
}
