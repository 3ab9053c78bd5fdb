package io.atq.gateway.publish;

import io.atq.contracts.messages.TaskMessage;

/** Puts task messages on the broker; a return means the broker took responsibility for the message. */
public interface TaskPublisher {

    /**
     * Publishes and waits (bounded) for the broker's confirm. Blocks: call it off the event loop.
     *
     * @throws io.atq.messaging.PublishException when the message was not confirmed, or was returned as unroutable
     */
    void publish(TaskMessage message);
}
