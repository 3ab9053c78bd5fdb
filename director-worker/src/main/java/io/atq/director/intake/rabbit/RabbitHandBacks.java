package io.atq.director.intake.rabbit;

import io.atq.contracts.names.Headers;
import io.atq.contracts.names.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link HandBacks} through the default exchange straight to {@link Topology#REQUEST_QUEUE}: the copy does not pass
 * the topic exchange, so it does not reach the task log a second time (read models and ledgers see one
 * {@code TaskRequested}). The quorum queue's {@code x-delivery-count} is not copied: the copy was never returned.
 */
public final class RabbitHandBacks implements HandBacks {
    private static final Logger log = LoggerFactory.getLogger(RabbitHandBacks.class);
    /** Header naming the director that handed a request back (for an operator reading the queue). */
    public static final String HANDED_BACK_BY = "atq-handed-back-by";

    private final RabbitTemplate template;
    private final String directorId;
    private final Duration confirmTimeout;

    public RabbitHandBacks(RabbitTemplate template, String directorId, Duration confirmTimeout) {
        this.template = template;
        this.directorId = directorId;
        this.confirmTimeout = confirmTimeout;
    }

    @Override
    public boolean handBack(Message original) {
        MessageProperties properties = RabbitDeadLetters.copy(original.getMessageProperties());
        properties.getHeaders().remove(Headers.QUORUM_DELIVERY_COUNT);
        properties.setHeader(HANDED_BACK_BY, directorId);
        CorrelationData correlation = new CorrelationData(UUID.randomUUID().toString());
        try {
            template.send("", Topology.REQUEST_QUEUE, new Message(original.getBody(), properties), correlation);
            CorrelationData.Confirm confirm = correlation.getFuture().get(confirmTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return confirm.ack() && correlation.getReturned() == null;
        } catch (AmqpException | ExecutionException | TimeoutException e) {
            log.warn("cannot hand a request back to the queue: {}", e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
