package io.atq.director.events;

import io.atq.contracts.messages.TaskCleanedUp;
import io.atq.contracts.messages.TaskMessage;
import io.atq.contracts.messages.TaskPhaseChanged;
import io.atq.contracts.names.Topology;
import io.atq.messaging.PublishException;
import io.atq.messaging.rabbit.ConfirmedPublisher;

/**
 * {@link TaskEvents} as confirmed publishes to the ATQ exchange (they reach the task log stream), through the shared
 * {@link ConfirmedPublisher} and the {@code broker} retry and circuit breaker it runs in.
 */
public final class RabbitTaskEvents implements TaskEvents {
    private final ConfirmedPublisher publisher;

    public RabbitTaskEvents(ConfirmedPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void phaseChanged(TaskPhaseChanged event, boolean reportedToWebhooks) {
        publish(event, event.type().routingKey(reportedToWebhooks));
    }

    @Override
    public void cleanedUp(TaskCleanedUp event) {
        publish(event, event.type().routingKey());
    }

    /** The engine knows only {@link EventPublishException}: any unconfirmed event may go through once the broker is back. */
    private void publish(TaskMessage event, String routingKey) {
        try {
            publisher.publish(event, routingKey);
        } catch (PublishException e) {
            throw new EventPublishException(event.typeId(), event.taskId(), e.getReason() + ": " + e.getDetail(), e);
        }
    }
}
