package io.atq.contracts.names;

/** AMQP headers ATQ sets or reads. */
public final class Headers {
    private Headers() {
    }

    /** The task id, so operators can find a task's messages without decoding bodies. */
    public static final String TASK_ID = "atq-task-id";
    /** Why a director refused a message (set on the dead-lettered copy's log line and on republished dead letters). */
    public static final String REJECT_REASON = "atq-reject-reason";
    /** On a dead letter a director republished: the exchange the message was first published to. */
    public static final String ORIGINAL_EXCHANGE = "atq-original-exchange";
    /** On a dead letter a director republished: the routing key the message was first published with. */
    public static final String ORIGINAL_ROUTING_KEY = "atq-original-routing-key";
    /** On a dead letter a director republished: how often the queue had delivered it before ({@code x-delivery-count}). */
    public static final String DELIVERY_COUNT = "atq-delivery-count";
    /** On a dead letter a director republished: the id of that director. */
    public static final String REJECTED_BY = "atq-rejected-by";
    /** Set by quorum queues on a redelivered message: how often it was returned to the queue before. */
    public static final String QUORUM_DELIVERY_COUNT = "x-delivery-count";
    /** Consumer argument selecting where a stream read starts ({@code first}, {@code next}, an offset or a timestamp). */
    public static final String STREAM_OFFSET = "x-stream-offset";

    /** On a heartbeat: the tasks this director runs now. */
    public static final String RUNNING_TASKS = "atq-running-tasks";
    /** On a heartbeat: the tasks this director may run at once. */
    public static final String MAX_TASKS = "atq-max-tasks";
    /** On a heartbeat: the worker replicas of this instance in the swarm, as this director counts them. */
    public static final String CLUSTER_WORKERS = "atq-cluster-workers";
    /** On a heartbeat: the instance's worker limit ({@code capacity.maxWorkers}). */
    public static final String MAX_WORKERS = "atq-max-workers";
    /** On a heartbeat, only while this director takes no requests: why (e.g. "at capacity (4/4 tasks)", "Docker unavailable"). */
    public static final String INTAKE_PAUSED = "atq-intake-paused";
    /**
     * On a heartbeat: this director's lease ({@code atq.director.reaper.lease}) in milliseconds, as a long; a reader
     * counts the director as gone once silent for longer. Absent on heartbeats of older directors (readers assume 15 s).
     */
    public static final String LEASE_MS = "atq-lease-ms";
    /**
     * On a heartbeat of a director that is going away: {@link #DEPARTURE_STOPPING} while it decides what becomes of its
     * tasks (it is still their owner, but no heir for anyone else's), {@link #DEPARTURE_LEFT} once it is gone (its tasks
     * are free to take over at once; no heartbeat of it follows). Absent on an ordinary heartbeat.
     */
    public static final String DEPARTURE = "atq-departure";
    /** {@link #DEPARTURE}: stopping, still owning its tasks. */
    public static final String DEPARTURE_STOPPING = "stopping";
    /** {@link #DEPARTURE}: gone; whatever it owned is free to take over. */
    public static final String DEPARTURE_LEFT = "left";
}
