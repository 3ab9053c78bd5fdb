package io.atq.gateway.webhooks.rabbit;

import com.rabbitmq.client.Channel;
import io.atq.contracts.names.Topology;
import io.atq.gateway.tasks.CatchUp;
import io.atq.gateway.webhooks.DeliveryJob;
import io.atq.gateway.webhooks.WebhookDelivery;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;

/**
 * Consumes {@link Topology#WEBHOOK_RETRY_QUEUE}: jobs whose wait on the ladder is over. Makes the attempt the job is
 * for and acks once it is settled; the job carries everything, so any gateway (a fresh one included) can do it.
 */
public final class WebhookRetryListener implements ChannelAwareMessageListener {
    private static final Logger log = LoggerFactory.getLogger(WebhookRetryListener.class);
    private static final Duration POLL = Duration.ofMillis(50);

    private final WebhookDelivery delivery;
    private final CatchUp catchUp;
    private final Duration catchUpWait;
    private final Duration failurePause;

    public WebhookRetryListener(WebhookDelivery delivery, CatchUp catchUp, Duration catchUpWait, Duration failurePause) {
        this.delivery = delivery;
        this.catchUp = catchUp;
        this.catchUpWait = catchUpWait;
        this.failurePause = failurePause;
    }

    @Override
    public void onMessage(Message message, @Nullable Channel channel) throws IOException {
        // A listener container with manual acks always passes its channel.
        Objects.requireNonNull(channel, "channel");
        long tag = message.getMessageProperties().getDeliveryTag();
        DeliveryJob job;
        try {
            job = DeliveryJobCodec.decode(message.getBody());
        } catch (IllegalArgumentException e) {
            log.warn("Dropped unreadable job {} on {}: {}", message.getMessageProperties().getMessageId(),
                    Topology.WEBHOOK_RETRY_QUEUE, e.getMessage());
            channel.basicAck(tag, false);
            return;
        }
        // The ledger must have replayed the log to know whether another gateway already delivered, or got a 410.
        long deadline = System.nanoTime() + catchUpWait.toNanos();
        while (!catchUp.isCaughtUp()) {
            if (System.nanoTime() > deadline) {
                channel.basicNack(tag, false, true);
                return;
            }
            Pauses.pause(POLL);
        }
        try {
            delivery.attempt(job);
            channel.basicAck(tag, false);
        } catch (RuntimeException e) {
            log.warn("Webhook {} attempt {} not settled ({}); job handed back to the queue", job.webhookId(), job.attempt(), e.getMessage());
            Pauses.pause(failurePause);
            channel.basicNack(tag, false, true);
        }
    }
}
