package io.atq.director.intake.rabbit;

import io.atq.contracts.names.Headers;
import io.atq.contracts.names.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link DeadLetters} by republishing: RabbitMQ's own dead-lettering ({@code basicReject} without requeue) records
 * only {@code x-death} (queue, reason {@code rejected}, count), never <em>why</em> a consumer refused a message. So the
 * director publishes the original body and properties to {@link Topology#DEAD_LETTER_EXCHANGE} with
 * {@link Headers#REJECT_REASON} and where it came from, waits for the publisher confirm, and only then acknowledges
 * the original. Nothing is lost in between: until the ack the original stays on the request queue, so a crash
 * there yields at worst a second dead letter, never none.
 */
public final class RabbitDeadLetters implements DeadLetters {
    private static final Logger log = LoggerFactory.getLogger(RabbitDeadLetters.class);
    /** Headers are for a human to read; a Jackson message can quote a whole body. */
    private static final int MAX_REASON = 1000;

    private final RabbitTemplate template;
    private final String directorId;
    private final Duration confirmTimeout;

    public RabbitDeadLetters(RabbitTemplate template, String directorId, Duration confirmTimeout) {
        this.template = template;
        this.directorId = directorId;
        this.confirmTimeout = confirmTimeout;
    }

    @Override
    public boolean publish(Message original, String reason) {
        MessageProperties received = original.getMessageProperties();
        MessageProperties properties = copy(received);
        properties.setHeader(Headers.REJECT_REASON, reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON) + "…");
        properties.setHeader(Headers.REJECTED_BY, directorId);
        properties.setHeader(Headers.ORIGINAL_EXCHANGE, String.valueOf(received.getReceivedExchange()));
        properties.setHeader(Headers.ORIGINAL_ROUTING_KEY, String.valueOf(received.getReceivedRoutingKey()));
        Object count = received.getHeaders().get(Headers.QUORUM_DELIVERY_COUNT);
        properties.setHeader(Headers.DELIVERY_COUNT, count == null ? 0L : count);
        // The dead-letter queue is a quorum queue too: its own x-delivery-count must not start from ours.
        properties.getHeaders().remove(Headers.QUORUM_DELIVERY_COUNT);
        CorrelationData correlation = new CorrelationData(UUID.randomUUID().toString());
        try {
            template.send(Topology.DEAD_LETTER_EXCHANGE, String.valueOf(received.getReceivedRoutingKey()),
                    new Message(original.getBody(), properties), correlation);
            CorrelationData.Confirm confirm = correlation.getFuture().get(confirmTimeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!confirm.ack() || correlation.getReturned() != null) {
                log.warn("the broker did not take the dead letter ({}); rejecting the original instead",
                        confirm.ack() ? "returned: " + Objects.requireNonNull(correlation.getReturned()).getReplyText() : "nack: " + confirm.reason());
                return false;
            }
            return true;
        } catch (AmqpException | ExecutionException | TimeoutException e) {
            log.warn("cannot publish the dead letter ({}); rejecting the original instead", e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static MessageProperties copy(MessageProperties received) {
        MessageProperties properties = new MessageProperties();
        properties.getHeaders().putAll(received.getHeaders());
        // Absent ones stay absent (a new MessageProperties has none of these).
        if (received.getType() != null) {
            properties.setType(received.getType());
        }
        properties.setContentType(received.getContentType());
        properties.setContentEncoding(received.getContentEncoding());
        if (received.getMessageId() != null) {
            properties.setMessageId(received.getMessageId());
        }
        properties.setCorrelationId(received.getCorrelationId());
        if (received.getTimestamp() != null) {
            properties.setTimestamp(received.getTimestamp());
        }
        if (received.getAppId() != null) {
            properties.setAppId(received.getAppId());
        }
        // spring-amqp puts a received message's delivery mode in receivedDeliveryMode; a dead letter must survive a restart.
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        return properties;
    }
}
