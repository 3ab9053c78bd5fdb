package io.atq.director.intake;

import com.rabbitmq.client.Channel;
import io.atq.contracts.names.Headers;
import io.atq.contracts.names.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;

import java.io.IOException;

/**
 * The request queue's consumer (manual acknowledgement, prefetch 1): hands each message to a {@link RequestHandler}
 * and acknowledges, dead-letters or requeues it as told.
 *
 * <p>Dead letters go through {@link DeadLetters} (a confirmed copy with the reason, then ack); if that fails,
 * {@code basicReject} without requeue lets the broker dead-letter the original (reason only in {@code x-death}).
 * An unexpected exception is not swallowed and not left unacknowledged (with manual acks the container would do
 * neither): the message is requeued with {@code basicNack}, the quorum queue counts the return, and after
 * {@link Topology#DELIVERY_LIMIT} returns the broker dead-letters it, so one poison message cannot block the queue.
 */
public final class RequestListener implements ChannelAwareMessageListener {
    private static final Logger log = LoggerFactory.getLogger(RequestListener.class);

    private final RequestHandler handler;
    private final DeadLetters deadLetters;

    public RequestListener(RequestHandler handler, DeadLetters deadLetters) {
        this.handler = handler;
        this.deadLetters = deadLetters;
    }

    @Override
    public void onMessage(Message message, Channel channel) throws IOException, InterruptedException {
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
        switch (result.outcome()) {
            case ACK -> channel.basicAck(tag, false);
            case DEAD_LETTER -> {
                if (deadLetters.publish(message, result.reason())) {
                    channel.basicAck(tag, false);
                } else {
                    channel.basicReject(tag, false);
                }
            }
            case REQUEUE -> channel.basicNack(tag, false, true);
        }
    }
}
