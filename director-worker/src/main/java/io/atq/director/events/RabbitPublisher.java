package io.atq.director.events;

import io.atq.contracts.messages.MessageCodec;
import io.atq.contracts.messages.TaskMessage;
import io.atq.contracts.names.Headers;
import io.atq.contracts.names.Topology;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes any {@link TaskMessage} to {@link Topology#EXCHANGE} and waits for the broker: a publish counts only
 * when it is confirmed (ack) and was not returned as unroutable. Guarded by the {@code broker} retry and circuit breaker.
 */
public final class RabbitPublisher {
    private final RabbitTemplate template;
    private final MessageCodec codec;
    private final Retry retry;
    private final CircuitBreaker breaker;
    private final Duration confirmTimeout;

    public RabbitPublisher(RabbitTemplate template, MessageCodec codec, Retry retry, CircuitBreaker breaker, Duration confirmTimeout) {
        this.template = template;
        this.codec = codec;
        this.retry = retry;
        this.breaker = breaker;
        this.confirmTimeout = confirmTimeout;
    }

    /**
     * Publishes and waits for the confirm.
     *
     * @throws EventPublishException when the broker did not confirm it after the retries
     */
    public void publish(TaskMessage message) {
        publish(message, message.type().routingKey());
    }

    /** As {@link #publish(TaskMessage)}, with the routing key given (see {@link io.atq.contracts.messages.MessageType#routingKey(boolean)}). */
    public void publish(TaskMessage message, String routingKey) {
        Runnable once = () -> publishOnce(message, routingKey);
        try {
            Retry.decorateRunnable(retry, CircuitBreaker.decorateRunnable(breaker, once)).run();
        } catch (CallNotPermittedException e) {
            throw new EventPublishException(message.typeId(), message.taskId(), String.valueOf(e.getMessage()), e);
        }
    }

    private void publishOnce(TaskMessage message, String routingKey) {
        String messageId = UUID.randomUUID().toString();
        MessageProperties properties = new MessageProperties();
        properties.setType(message.typeId());
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setMessageId(messageId);
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        if (message.taskId() != null) {
            properties.setHeader(Headers.TASK_ID, message.taskId());
        }
        CorrelationData correlation = new CorrelationData(messageId);
        try {
            template.send(Topology.EXCHANGE, routingKey, new Message(codec.encode(message), properties), correlation);
            CorrelationData.Confirm confirm = correlation.getFuture().get(confirmTimeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!confirm.ack()) {
                throw new EventPublishException(message.typeId(), message.taskId(), "the broker refused it: " + confirm.reason(), null);
            }
            if (correlation.getReturned() != null) {
                // Nothing bound to the exchange yet: the topology is declared on every (re)connection, so try again.
                throw new EventPublishException(message.typeId(), message.taskId(),
                        "unroutable: " + correlation.getReturned().getReplyText(), null);
            }
        } catch (AmqpException e) {
            throw new EventPublishException(message.typeId(), message.taskId(), String.valueOf(e.getMessage()), e);
        } catch (TimeoutException e) {
            throw new EventPublishException(message.typeId(), message.taskId(), "no confirm within " + confirmTimeout, e);
        } catch (ExecutionException e) {
            throw new EventPublishException(message.typeId(), message.taskId(), String.valueOf(e.getCause()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventPublishException(message.typeId(), message.taskId(), "interrupted while waiting for the confirm", e);
        }
    }
}
