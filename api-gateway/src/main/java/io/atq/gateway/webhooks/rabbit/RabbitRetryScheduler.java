package io.atq.gateway.webhooks.rabbit;

import io.atq.contracts.names.Headers;
import io.atq.contracts.names.Topology;
import io.atq.gateway.webhooks.DeliveryJob;
import io.atq.gateway.webhooks.RetryLadder;
import io.atq.gateway.webhooks.RetryScheduler;
import io.atq.messaging.rabbit.ConfirmedPublisher;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.MessagePropertiesBuilder;

import java.util.UUID;

/**
 * Parks a job in the wait queue of its ladder step (default exchange, routing key = queue name), with its jittered
 * wait as the message {@code expiration}; persistent, and counted only when confirmed and not returned (the shared
 * {@link ConfirmedPublisher}: a missing wait queue is {@code UNROUTABLE}, for an operator to look at; the job stays
 * with its source message). When it expires the broker dead-letters it into {@link Topology#WEBHOOK_RETRY_QUEUE}.
 */
public final class RabbitRetryScheduler implements RetryScheduler {
    private final ConfirmedPublisher publisher;

    public RabbitRetryScheduler(ConfirmedPublisher publisher) {
        this.publisher = publisher;
    }

    /** @throws io.atq.messaging.PublishException when the broker did not confirm the parked job */
    @Override
    public void schedule(DeliveryJob job, RetryLadder.Wait wait) {
        MessageProperties properties = MessagePropertiesBuilder.newInstance()
                .setContentType(MessageProperties.CONTENT_TYPE_JSON)
                .setType(DeliveryJobCodec.TYPE_ID)
                .setMessageId(UUID.randomUUID().toString())
                .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
                .setExpiration(Long.toString(wait.expiration().toMillis()))
                .setHeader(Headers.TASK_ID, job.taskId().value())
                .build();
        publisher.publish("", Topology.webhookWaitQueue(wait.queueTtl()), new Message(DeliveryJobCodec.encode(job), properties));
    }
}
