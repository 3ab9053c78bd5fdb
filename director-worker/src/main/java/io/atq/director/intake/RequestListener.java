package io.atq.director.intake;

import com.rabbitmq.client.Channel;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;

import java.io.IOException;

/**
 * The request queue's consumer (manual acknowledgement, prefetch 1): hands each message to {@link TaskIntake} and
 * acknowledges, dead-letters ({@code basicReject} without requeue) or requeues it as told.
 */
public final class RequestListener implements ChannelAwareMessageListener {
    private final TaskIntake intake;

    public RequestListener(TaskIntake intake) {
        this.intake = intake;
    }

    @Override
    public void onMessage(Message message, Channel channel) throws IOException, InterruptedException {
        long tag = message.getMessageProperties().getDeliveryTag();
        switch (intake.handle(message.getMessageProperties().getType(), message.getBody())) {
            case ACK -> channel.basicAck(tag, false);
            case DEAD_LETTER -> channel.basicReject(tag, false);
            case REQUEUE -> channel.basicNack(tag, false, true);
        }
    }
}
