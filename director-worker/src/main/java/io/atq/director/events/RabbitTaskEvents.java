package io.atq.director.events;

import io.atq.contracts.messages.TaskCleanedUp;
import io.atq.contracts.messages.TaskPhaseChanged;

/** {@link TaskEvents} as confirmed publishes to the ATQ exchange (they reach the task log stream). */
public final class RabbitTaskEvents implements TaskEvents {
    private final RabbitPublisher publisher;

    public RabbitTaskEvents(RabbitPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void phaseChanged(TaskPhaseChanged event, boolean reportedToWebhooks) {
        publisher.publish(event, event.type().routingKey(reportedToWebhooks));
    }

    @Override
    public void cleanedUp(TaskCleanedUp event) {
        publisher.publish(event);
    }
}
