package io.atq.gateway.publish;

import io.atq.contracts.messages.Callback;
import io.atq.contracts.messages.TaskMessage;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.names.Topology;
import io.atq.contracts.phase.Phase;
import io.atq.messaging.PublishException;
import io.atq.messaging.rabbit.ConfirmedPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link TaskPublisher} through the shared {@link ConfirmedPublisher} (confirms, mandatory, the {@code broker} retry
 * and circuit breaker, the {@code atq.publish.confirm} timer); this class only chooses the routing key.
 */
public final class RabbitTaskPublisher implements TaskPublisher {
    private static final Logger log = LoggerFactory.getLogger(RabbitTaskPublisher.class);

    private final ConfirmedPublisher publisher;

    public RabbitTaskPublisher(ConfirmedPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void publish(TaskMessage message) {
        try {
            publisher.publish(message, routingKey(message));
        } catch (PublishException e) {
            log.warn(e.getMessage());
            throw e;
        }
    }

    /** A request no webhook reports (QUEUED is not terminal) skips the webhook event queue: see Topology. */
    static String routingKey(TaskMessage message) {
        boolean reported = !(message instanceof TaskRequested requested)
                || Callback.reported(requested.spec().callback(), Phase.QUEUED);
        return message.type().routingKey(reported);
    }
}
