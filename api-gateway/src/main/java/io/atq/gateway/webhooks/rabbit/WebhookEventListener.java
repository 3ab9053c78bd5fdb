package io.atq.gateway.webhooks.rabbit;

import com.rabbitmq.client.Channel;
import io.atq.contracts.messages.MessageCodec;
import io.atq.contracts.messages.TaskMessage;
import io.atq.contracts.messages.UnreadableMessageException;
import io.atq.contracts.names.Topology;
import io.atq.gateway.tasks.CatchUp;
import io.atq.gateway.webhooks.WebhookDelivery;
import io.atq.gateway.webhooks.WebhookEvents;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;

/**
 * Consumes {@link Topology#WEBHOOK_EVENT_QUEUE} (manual ack; gateways compete, so each event goes to one of them):
 * waits until this gateway's read model knows the task and has applied the event, makes the first attempt, and acks
 * only after the attempt is settled (delivered, or parked on the retry ladder with a confirm). An event still
 * {@link WebhookEvents.Decision.Unknown} after {@code lookupWait} is handed back to the queue, at most
 * {@link Topology#WEBHOOK_DELIVERY_LIMIT} times (then the broker drops it), so it never loops for ever.
 */
public final class WebhookEventListener implements ChannelAwareMessageListener {
    private static final Logger log = LoggerFactory.getLogger(WebhookEventListener.class);
    private static final Duration POLL = Duration.ofMillis(50);

    private final MessageCodec codec;
    private final WebhookEvents events;
    private final WebhookDelivery delivery;
    private final CatchUp catchUp;
    private final Duration lookupWait;
    private final Duration failurePause;

    public WebhookEventListener(MessageCodec codec, WebhookEvents events, WebhookDelivery delivery, CatchUp catchUp,
                                Duration lookupWait, Duration failurePause) {
        this.codec = codec;
        this.events = events;
        this.delivery = delivery;
        this.catchUp = catchUp;
        this.lookupWait = lookupWait;
        this.failurePause = failurePause;
    }

    @Override
    public void onMessage(Message message, @Nullable Channel channel) throws IOException {
        // A listener container with manual acks always passes its channel.
        Objects.requireNonNull(channel, "channel");
        long tag = message.getMessageProperties().getDeliveryTag();
        TaskMessage decoded;
        try {
            decoded = codec.decode(message.getMessageProperties().getType(), message.getBody());
        } catch (UnreadableMessageException e) {
            log.warn("Dropped unreadable message {} on {}: {}", message.getMessageProperties().getMessageId(),
                    Topology.WEBHOOK_EVENT_QUEUE, e.getMessage());
            channel.basicAck(tag, false);
            return;
        }
        WebhookEvents.Decision decision = decideWhenKnown(decoded);
        switch (decision) {
            case WebhookEvents.Decision.Skip skip -> {
                log.debug("Webhook event of task {} skipped: {}", decoded.taskId(), skip.why());
                channel.basicAck(tag, false);
            }
            case WebhookEvents.Decision.Unknown unknown -> {
                log.info("Webhook event of task {} not ready after {} ({}); handed back to the queue",
                        unknown.taskId(), lookupWait, unknown.why());
                channel.basicNack(tag, false, true);
            }
            case WebhookEvents.Decision.Deliver deliver -> {
                try {
                    delivery.attempt(deliver.job());
                    channel.basicAck(tag, false);
                } catch (RuntimeException e) {
                    log.warn("Webhook {} attempt 1 not settled ({}); event handed back to the queue", deliver.job().webhookId(), e.getMessage());
                    // A pause, so a broker that refuses the retry does not turn this into a loop of HTTP calls.
                    Pauses.pause(failurePause);
                    channel.basicNack(tag, false, true);
                }
            }
        }
    }

    private WebhookEvents.Decision decideWhenKnown(TaskMessage message) {
        long deadline = System.nanoTime() + lookupWait.toNanos();
        while (true) {
            WebhookEvents.Decision decision = catchUp.isCaughtUp() ? events.decide(message)
                    : new WebhookEvents.Decision.Unknown(message.taskId(), "the read model is replaying the task log");
            // The stream lags the queue by milliseconds: the request or event is usually read within a poll or two.
            if (!(decision instanceof WebhookEvents.Decision.Unknown) || System.nanoTime() > deadline) {
                return decision;
            }
            Pauses.pause(POLL);
        }
    }
}
