package io.atq.director.presence;

import io.atq.contracts.names.Headers;
import io.atq.contracts.names.Topology;
import io.atq.director.capacity.Capacity;
import io.atq.director.capacity.Load;
import io.atq.director.outage.IntakeSwitch;
import io.atq.director.reaper.Leases;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageListener;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every director publishes its id to the fanout exchange {@value #EXCHANGE} every heartbeat interval and hears
 * everyone's (its own included) on a queue of its own. Both are transient on purpose: a heartbeat is worth nothing
 * once older than the lease, and the queue (exclusive, auto-delete) vanishes with its director.
 * The body is the director id (UTF-8); there is no contracts message. Each heartbeat also carries this director's
 * load as headers ({@code Headers.RUNNING_TASKS}, {@code MAX_TASKS}, {@code CLUSTER_WORKERS}, {@code MAX_WORKERS}, and
 * {@code INTAKE_PAUSED} with the reason while intake is paused), so a reader (the gateways) can say
 * why tasks wait: e.g. "all 3 directors at capacity (4/4 tasks each)"; and its lease ({@code Headers.LEASE_MS}), so a
 * reader judges this director's silence by the lease it really has.
 * A director going away says so ({@code Headers.DEPARTURE}): {@link #announceStopping()} marks every heartbeat from
 * then on, {@link #announceLeft()} sends the last one.
 */
public final class RabbitHeartbeats implements MessageListener, Presence {
    private static final Logger log = LoggerFactory.getLogger(RabbitHeartbeats.class);
    /** The fanout exchange of heartbeats. */
    public static final String EXCHANGE = Topology.HEARTBEAT_EXCHANGE;

    private final String directorId;
    private final Leases leases;
    private final RabbitTemplate template;
    private final Clock clock;
    private final Capacity capacity;
    private final IntakeSwitch intake;
    private volatile Leases.Departure departure = Leases.Departure.NONE;

    /**
     * @param capacity this director's load, carried as headers
     * @param intake   why intake is paused, if it is, carried as a header
     */
    public RabbitHeartbeats(String directorId, Leases leases, RabbitTemplate template, Clock clock, Capacity capacity,
                            IntakeSwitch intake) {
        this.directorId = directorId;
        this.leases = leases;
        this.template = template;
        this.clock = clock;
        this.capacity = capacity;
        this.intake = intake;
    }

    /** This director's heartbeat queue. */
    public static String queueName(String directorId) {
        return "atq.heartbeats." + directorId;
    }

    /** The exchange, this director's queue and their binding. */
    public static Declarables topology(String directorId) {
        FanoutExchange exchange = new FanoutExchange(EXCHANGE, false, false);
        // Not AnonymousQueue: spring-amqp 4 adds an x-queue-leader-locator argument that RabbitMQ 3.10 refuses.
        Queue queue = new Queue(queueName(directorId), false, true, true);
        Binding binding = BindingBuilder.bind(queue).to(exchange);
        return new Declarables(exchange, queue, binding);
    }

    /**
     * Publishes one heartbeat; a broker outage just means no heartbeat this time (others will not judge meanwhile).
     * Nothing once this director announced that it left.
     */
    public void beat() {
        if (departure == Leases.Departure.LEFT) {
            return;
        }
        send();
    }

    /** From now on every heartbeat says this director is stopping (it still owns its tasks); one goes out at once. */
    @Override
    public void announceStopping() {
        departure = Leases.Departure.STOPPING;
        send();
    }

    /** Sends the last heartbeat: this director is gone and its tasks are free to take over. No heartbeat follows. */
    @Override
    public void announceLeft() {
        departure = Leases.Departure.LEFT;
        send();
    }

    private void send() {
        try {
            template.send(EXCHANGE, "", message());
        } catch (AmqpException e) {
            log.debug("heartbeat not sent: {}", e.getMessage());
        }
    }

    /** The next heartbeat: the director id as body, the load and the lease as headers. */
    Message message() {
        MessageProperties properties = new MessageProperties();
        properties.setExpiration("60000");
        loadHeaders().forEach(properties::setHeader);
        properties.setHeader(Headers.LEASE_MS, leases.lease().toMillis());
        switch (departure) {
            case NONE -> { }
            case STOPPING -> properties.setHeader(Headers.DEPARTURE, Headers.DEPARTURE_STOPPING);
            case LEFT -> properties.setHeader(Headers.DEPARTURE, Headers.DEPARTURE_LEFT);
        }
        return new Message(directorId.getBytes(StandardCharsets.UTF_8), properties);
    }

    @Override
    public void onMessage(Message message) {
        leases.heard(new String(message.getBody(), StandardCharsets.UTF_8), clock.instant(),
                departureOf(message.getMessageProperties().getHeaders().get(Headers.DEPARTURE)));
    }

    /** The departure a heartbeat header says; an unknown value (a newer director) counts as an ordinary heartbeat. */
    static Leases.Departure departureOf(@Nullable Object header) {
        if (header == null) {
            return Leases.Departure.NONE;
        }
        return switch (header.toString()) {
            case Headers.DEPARTURE_STOPPING -> Leases.Departure.STOPPING;
            case Headers.DEPARTURE_LEFT -> Leases.Departure.LEFT;
            default -> Leases.Departure.NONE;
        };
    }

    private Map<String, Object> loadHeaders() {
        Load load = capacity.load();
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(Headers.RUNNING_TASKS, load.runningTasks());
        headers.put(Headers.MAX_TASKS, load.maxTasks());
        headers.put(Headers.CLUSTER_WORKERS, load.clusterWorkers());
        headers.put(Headers.MAX_WORKERS, load.maxWorkers());
        String paused = intake.pauseReason();
        if (paused != null) {
            headers.put(Headers.INTAKE_PAUSED, paused);
        }
        return headers;
    }
}
