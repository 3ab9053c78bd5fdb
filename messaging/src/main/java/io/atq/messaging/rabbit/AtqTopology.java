package io.atq.messaging.rabbit;

import io.atq.contracts.names.Topology;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;

/**
 * Every exchange, queue and binding of the ATQ topology, with the arguments of {@link Topology}. Each app hands the
 * same {@link Declarables} to Spring's {@code RabbitAdmin}, which declares them on every (re)connect: whichever app
 * starts first creates all of it, identically (a queue redeclared with other arguments would fail with
 * PRECONDITION_FAILED).
 * <p>
 * The webhook event queue belongs here although only gateways consume it: it must exist, bound, before the first
 * {@code TaskRequested} or {@code TaskPhaseChanged} is published, whichever app publishes it. The webhook retry and
 * wait queues do not: only a gateway publishes to them, and their TTLs come from its configuration.
 */
public final class AtqTopology {
    private AtqTopology() {
    }

    /** The declarations, new objects on each call (a {@code Declarables} bean per application context). */
    public static Declarables declarables() {
        TopicExchange exchange = new TopicExchange(Topology.EXCHANGE, true, false);
        FanoutExchange deadLetters = new FanoutExchange(Topology.DEAD_LETTER_EXCHANGE, true, false);
        Queue requests = QueueBuilder.durable(Topology.REQUEST_QUEUE).withArguments(Topology.requestQueueArguments()).build();
        Queue dead = QueueBuilder.durable(Topology.DEAD_LETTER_QUEUE).withArguments(Topology.deadLetterQueueArguments()).build();
        Queue log = QueueBuilder.durable(Topology.LOG_STREAM).withArguments(Topology.logStreamArguments()).build();
        Queue webhookEvents = QueueBuilder.durable(Topology.WEBHOOK_EVENT_QUEUE)
                .withArguments(Topology.webhookWorkQueueArguments()).build();
        return new Declarables(exchange, deadLetters, requests, dead, log, webhookEvents,
                BindingBuilder.bind(requests).to(exchange).with(Topology.KEY_REQUESTED),
                BindingBuilder.bind(requests).to(exchange).with(Topology.KEY_REQUESTED_QUIET),
                BindingBuilder.bind(dead).to(deadLetters),
                BindingBuilder.bind(log).to(exchange).with(Topology.KEY_ALL),
                // Only what a webhook may report: the quiet keys skip this queue (see MessageType.routingKey).
                BindingBuilder.bind(webhookEvents).to(exchange).with(Topology.KEY_REQUESTED),
                BindingBuilder.bind(webhookEvents).to(exchange).with(Topology.KEY_PHASE_CHANGED));
    }
}
