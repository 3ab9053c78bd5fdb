package io.atq.director.intake.rabbit;

import io.atq.contracts.names.Headers;
import io.atq.contracts.names.Topology;
import io.atq.messaging.PublishException;
import io.atq.messaging.rabbit.ConfirmedPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;

/**
 * {@link DeadLetters} by republishing: RabbitMQ's own dead-lettering ({@code basicReject} without requeue) records
 * only {@code x-death} (queue, reason {@code rejected}, count), never <em>why</em> a consumer refused a message. So the
 * director publishes the original body and properties to {@link Topology#DEAD_LETTER_EXCHANGE} with
 * {@link Headers#REJECT_REASON} and where it came from, waits for the publisher confirm (and that it was routed),
 * and only then acknowledges the original. Nothing is lost in between: until the ack the original stays on the request queue, so a crash
 * there yields at worst a second dead letter, never none.
 */
public final class RabbitDeadLetters implements DeadLetters {
    private static final Logger log = LoggerFactory.getLogger(RabbitDeadLetters.class);
    /** Headers are for a human to read; a Jackson message can quote a whole body. */
    private static final int MAX_REASON = 1000;

    private final ConfirmedPublisher publisher;
    private final String directorId;

    /** @param publisher one attempt each ({@link ConfirmedPublisher#publishOnce}): on failure the original is rejected instead */
    public RabbitDeadLetters(ConfirmedPublisher publisher, String directorId) {
        this.publisher = publisher;
        this.directorId = directorId;
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
        try {
            publisher.publishOnce(Topology.DEAD_LETTER_EXCHANGE, String.valueOf(received.getReceivedRoutingKey()),
                    new Message(original.getBody(), properties));
            return true;
        } catch (PublishException e) {
            log.warn("the broker did not take the dead letter ({}); rejecting the original instead", e.getMessage());
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
