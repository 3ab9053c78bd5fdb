package io.atq.director.intake.rabbit;

import com.rabbitmq.client.Channel;
import io.atq.contracts.names.Headers;
import io.atq.contracts.names.Topology;
import io.atq.director.intake.RequestHandler;
import io.atq.director.intake.TaskIntake;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;

import java.io.IOException;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * The request queue's consumer (manual acknowledgement, prefetch 1): hands each message to a {@link RequestHandler}
 * and acknowledges, dead-letters or requeues it as told.
 *
 * <p>Dead letters go through {@link DeadLetters} (a confirmed copy with the reason, then ack); if that fails,
 * {@code basicReject} without requeue lets the broker dead-letter the original (reason only in {@code x-death}).
 * An unexpected exception is not swallowed and not left unacknowledged (with manual acks the container would do
 * neither): the message is requeued with {@code basicNack}, the quorum queue counts the return, and after
 * {@link Topology#DELIVERY_LIMIT} returns the broker dead-letters it, so one poison message cannot block the queue.
 *
 * <p>When intake must pause (this message took the director's last free slot, or the swarm's last workers), the
 * consumer is cancelled on this channel BEFORE the message is settled. With prefetch 1 the broker delivers nothing
 * else while this one is unacknowledged, and after {@code basic.cancel-ok} nothing at all: so no further message is
 * ever delivered to a full director, and none has to be released by the consumer stop (a quorum queue would count that
 * return as a delivery, bringing it closer to its delivery limit). The {@link io.atq.director.outage.IntakeSwitch}
 * then stops the container and starts it again once there is room.
 */
public final class RequestListener implements ChannelAwareMessageListener {
    private static final Logger log = LoggerFactory.getLogger(RequestListener.class);

    private final RequestHandler handler;
    private final DeadLetters deadLetters;
    private final BooleanSupplier keepConsuming;
    private final HandBacks handBacks;

    public RequestListener(RequestHandler handler, DeadLetters deadLetters) {
        this(handler, deadLetters, () -> true, original -> false);
    }

    /**
     * @param keepConsuming asked after handling each message, before settling it: false cancels the consumer first
     * @param handBacks     puts a copy of a request whose workers do not fit at the tail of the queue
     */
    public RequestListener(RequestHandler handler, DeadLetters deadLetters, BooleanSupplier keepConsuming, HandBacks handBacks) {
        this.handler = handler;
        this.deadLetters = deadLetters;
        this.keepConsuming = keepConsuming;
        this.handBacks = handBacks;
    }

    @Override
    public void onMessage(Message message, @Nullable Channel channel) throws IOException, InterruptedException {
        // A listener container with manual acks always passes its channel.
        Objects.requireNonNull(channel, "channel");
        long tag = message.getMessageProperties().getDeliveryTag();
        TaskIntake.Result result;
        try {
            result = handler.handle(message.getMessageProperties().getType(), message.getBody());
        } catch (RuntimeException e) {
            Object count = message.getMessageProperties().getHeaders().get(Headers.QUORUM_DELIVERY_COUNT);
            log.error("unexpected failure handling a request (task {}, earlier deliveries {}, the broker dead-letters it after {}); requeueing it",
                    message.getMessageProperties().getHeaders().get(Headers.TASK_ID), count == null ? 0 : count, Topology.DELIVERY_LIMIT, e);
            channel.basicNack(tag, false, true);
            return;
        }
        if (!keepConsuming.getAsBoolean()) {
            cancelConsumer(message, channel);
        }
        switch (result.outcome()) {
            case ACK -> channel.basicAck(tag, false);
            case DEAD_LETTER -> {
                if (deadLetters.publish(message, Objects.requireNonNull(result.reason()))) { // a dead letter has one
                    channel.basicAck(tag, false);
                } else {
                    channel.basicReject(tag, false);
                }
            }
            case REQUEUE -> channel.basicNack(tag, false, true);
            case HAND_BACK -> {
                if (handBacks.handBack(message)) {
                    channel.basicAck(tag, false);
                } else {
                    // The broker did not take the copy: the only safe way left is the ordinary return (counted).
                    log.warn("cannot hand task {} back to the queue; returning it", message.getMessageProperties().getHeaders().get(Headers.TASK_ID));
                    channel.basicNack(tag, false, true);
                }
            }
        }
    }

    /** Cancels this consumer and waits for the broker's cancel-ok; the container's own stop may have done it already. */
    private static void cancelConsumer(Message message, Channel channel) {
        String consumerTag = message.getMessageProperties().getConsumerTag();
        try {
            channel.basicCancel(consumerTag);
            log.debug("consumer {} cancelled before settling the message that filled this director", consumerTag);
        } catch (IOException | RuntimeException e) {
            // Expected race: the IntakeSwitch's container stop cancelled it a moment earlier ("Unknown consumerTag").
            log.debug("consumer {} already cancelled: {}", consumerTag, e.getMessage());
        }
    }
}
