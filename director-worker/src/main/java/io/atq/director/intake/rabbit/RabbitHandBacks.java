package io.atq.director.intake.rabbit;

import io.atq.contracts.names.Headers;
import io.atq.contracts.names.Topology;
import io.atq.messaging.PublishException;
import io.atq.messaging.rabbit.ConfirmedPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;

/**
 * {@link HandBacks} through the default exchange straight to {@link Topology#REQUEST_QUEUE}: the copy does not pass
 * the topic exchange, so it does not reach the task log a second time (read models and ledgers see one
 * {@code TaskRequested}). The quorum queue's {@code x-delivery-count} is not copied: the copy was never returned.
 */
public final class RabbitHandBacks implements HandBacks {
    private static final Logger log = LoggerFactory.getLogger(RabbitHandBacks.class);
    /** Header naming the director that handed a request back (for an operator reading the queue). */
    public static final String HANDED_BACK_BY = "atq-handed-back-by";

    private final ConfirmedPublisher publisher;
    private final String directorId;

    /** @param publisher one attempt each ({@link ConfirmedPublisher#publishOnce}): {@code false} when it was not confirmed */
    public RabbitHandBacks(ConfirmedPublisher publisher, String directorId) {
        this.publisher = publisher;
        this.directorId = directorId;
    }

    @Override
    public boolean handBack(Message original) {
        MessageProperties properties = RabbitDeadLetters.copy(original.getMessageProperties());
        properties.getHeaders().remove(Headers.QUORUM_DELIVERY_COUNT);
        properties.setHeader(HANDED_BACK_BY, directorId);
        try {
            publisher.publishOnce("", Topology.REQUEST_QUEUE, new Message(original.getBody(), properties));
            return true;
        } catch (PublishException e) {
            log.warn("cannot hand a request back to the queue: {}", e.getMessage());
            return false;
        }
    }
}
