package io.atq.gateway.webhooks.rabbit;

import io.atq.contracts.names.Headers;
import io.atq.contracts.names.Topology;
import io.atq.gateway.publish.PublishException;
import io.atq.gateway.webhooks.DeliveryJob;
import io.atq.gateway.webhooks.RetryLadder;
import io.atq.gateway.webhooks.RetryScheduler;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import org.jspecify.annotations.Nullable;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.MessagePropertiesBuilder;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Parks a job in the wait queue of its ladder step (default exchange, routing key = queue name), with its jittered
 * wait as the message {@code expiration}; persistent, mandatory, and counted only when confirmed and not returned.
 * When it expires the broker dead-letters it into {@link Topology#WEBHOOK_RETRY_QUEUE}.
 */
public final class RabbitRetryScheduler implements RetryScheduler {
    private final RabbitTemplate rabbit;
    private final Duration confirmTimeout;
    private final CircuitBreaker breaker;
    private final Retry retry;

    public RabbitRetryScheduler(RabbitTemplate rabbit, Duration confirmTimeout, CircuitBreaker breaker, Retry retry) {
        this.rabbit = rabbit;
        this.confirmTimeout = confirmTimeout;
        this.breaker = breaker;
        this.retry = retry;
    }

    @Override
    public void schedule(DeliveryJob job, RetryLadder.Wait wait) {
        Retry.decorateRunnable(retry, CircuitBreaker.decorateRunnable(breaker, () -> send(job, wait))).run();
    }

    private void send(DeliveryJob job, RetryLadder.Wait wait) {
        String queue = Topology.webhookWaitQueue(wait.queueTtl());
        MessageProperties properties = MessagePropertiesBuilder.newInstance()
                .setContentType(MessageProperties.CONTENT_TYPE_JSON)
                .setType(DeliveryJobCodec.TYPE_ID)
                .setMessageId(UUID.randomUUID().toString())
                .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
                .setExpiration(Long.toString(wait.expiration().toMillis()))
                .setHeader(Headers.TASK_ID, job.taskId().value())
                .build();
        CorrelationData correlation = new CorrelationData(Objects.requireNonNull(properties.getMessageId())); // set above
        try {
            rabbit.send("", queue, new Message(DeliveryJobCodec.encode(job), properties), correlation);
        } catch (AmqpException e) {
            throw failure(PublishException.Reason.CONNECTION, job, "cannot send to " + queue + ": " + e.getMessage(), e);
        }
        CorrelationData.Confirm confirm;
        try {
            confirm = correlation.getFuture().get(confirmTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw failure(PublishException.Reason.TIMEOUT, job, "no confirm within " + confirmTimeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(PublishException.Reason.INTERRUPTED, job, "interrupted while waiting for the confirm", e);
        } catch (ExecutionException e) {
            throw failure(PublishException.Reason.NACKED, job, "confirm failed: " + e.getMessage(), e);
        }
        if (!confirm.ack()) {
            throw failure(PublishException.Reason.NACKED, job, "broker nacked: " + confirm.reason(), null);
        }
        if (correlation.getReturned() != null) {
            // The wait queue is missing (deleted by hand?): an operator must look; the job stays with its source message.
            throw failure(PublishException.Reason.UNROUTABLE, job, "returned: no queue " + queue, null);
        }
    }

    private static PublishException failure(PublishException.Reason reason, DeliveryJob job, String detail, @Nullable Throwable cause) {
        return new PublishException(reason, DeliveryJobCodec.TYPE_ID, job.taskId(), detail, cause);
    }
}
