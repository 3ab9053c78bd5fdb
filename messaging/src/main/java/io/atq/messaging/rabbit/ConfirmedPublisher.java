package io.atq.messaging.rabbit;

import io.atq.contracts.messages.MessageCodec;
import io.atq.contracts.messages.TaskMessage;
import io.atq.contracts.names.Headers;
import io.atq.contracts.tasks.TaskId;
import io.atq.contracts.names.Topology;
import io.atq.messaging.PublishException;
import io.atq.messaging.PublishException.Reason;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpConnectException;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.MessagePropertiesBuilder;
import org.springframework.amqp.core.ReturnedMessage;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes with publisher confirms and {@code mandatory}, and waits (bounded) for the broker: a publish counts only
 * when the broker acked it <em>and</em> did not return it as unroutable. Anything else is a {@link PublishException}
 * whose {@link PublishException.Reason reason} says whether trying again can help.
 * <p>
 * {@link #publish} runs inside a resilience4j retry around a circuit breaker (which failures the retry resends is the
 * retry's configuration); {@link #publishOnce} is one attempt outside both, for callers with their own fallback (a dead
 * letter that cannot be published is rejected instead). Each attempt has the confirm timeout from its start; one whose
 * channel opens after that, or whose thread was interrupted meanwhile (its caller gave up), sends nothing. Every
 * attempt is timed as {@value #CONFIRM_METER}, tagged {@code outcome} ({@code acked} or the reason in lower case).
 */
public final class ConfirmedPublisher {
    private static final Logger log = LoggerFactory.getLogger(ConfirmedPublisher.class);
    /** Timer from send to confirm of each publish attempt, tagged {@code outcome}. */
    public static final String CONFIRM_METER = "atq.publish.confirm";
    /** The type a failure names for a message without an AMQP {@code type}. */
    static final String UNTYPED = "untyped message";

    private final RabbitTemplate rabbit;
    private final MessageCodec codec;
    private final Duration confirmTimeout;
    private final Retry retry;
    private final CircuitBreaker breaker;
    private final MeterRegistry meters;
    /** The timer of acked attempts, looked up once: it is the one every successful publish records. */
    private final Timer acked;

    /**
     * @param rabbit a template on a connection factory with correlated publisher confirms and returns, and
     *               {@code mandatory} set (Boot: {@code spring.rabbitmq.publisher-confirm-type=correlated},
     *               {@code publisher-returns=true}, {@code template.mandatory=true})
     * @throws IllegalArgumentException when the template cannot tell an unconfirmed or unroutable publish
     */
    public ConfirmedPublisher(RabbitTemplate rabbit, MessageCodec codec, Duration confirmTimeout, Retry retry,
                              CircuitBreaker breaker, MeterRegistry meters) {
        if (!rabbit.getConnectionFactory().isPublisherConfirms() || !rabbit.getConnectionFactory().isPublisherReturns()
                || !rabbit.isMandatoryFor(new Message(new byte[0]))) {
            throw new IllegalArgumentException("a confirmed publisher needs correlated publisher confirms, publisher returns"
                    + " and a mandatory template (spring.rabbitmq.publisher-confirm-type=correlated, publisher-returns=true,"
                    + " template.mandatory=true)");
        }
        if (confirmTimeout.isNegative() || confirmTimeout.isZero()) {
            throw new IllegalArgumentException("the confirm timeout must be positive, was " + confirmTimeout);
        }
        this.rabbit = rabbit;
        this.codec = codec;
        this.confirmTimeout = confirmTimeout;
        this.retry = retry;
        this.breaker = breaker;
        this.meters = meters;
        this.acked = confirmTimer("acked");
    }

    /** Publishes a task message to {@link Topology#EXCHANGE} with its type's routing key (see {@link #publish(TaskMessage, String)}). */
    public void publish(TaskMessage message) {
        publish(message, message.type().routingKey());
    }

    /**
     * Publishes a task message to {@link Topology#EXCHANGE}: JSON, persistent, typed, with the task id header.
     *
     * @throws PublishException when the broker did not confirm it after the retries, or the breaker is open
     */
    public void publish(TaskMessage message, String routingKey) {
        publish(Topology.EXCHANGE, routingKey, toAmqp(message));
    }

    /**
     * Publishes a message as it is, retried and guarded by the circuit breaker.
     *
     * @throws PublishException when the broker did not confirm it after the retries, or the breaker is open
     */
    public void publish(String exchange, String routingKey, Message message) {
        try {
            Retry.decorateRunnable(retry, CircuitBreaker.decorateRunnable(breaker, () -> publishOnce(exchange, routingKey, message))).run();
        } catch (CallNotPermittedException e) {
            throw failure(Reason.CIRCUIT_OPEN, message, String.valueOf(e.getMessage()), e);
        }
    }

    /**
     * One attempt, neither retried nor counted by the circuit breaker.
     *
     * @throws PublishException when the broker did not confirm it
     */
    public void publishOnce(String exchange, String routingKey, Message message) {
        long deadline = System.nanoTime() + confirmTimeout.toNanos();
        Timer.Sample sample = Timer.start(meters);
        // Anything but an ack or a classified failure is a bug; "error" keeps it visible.
        String outcome = "error";
        try {
            sendAndConfirm(exchange, routingKey, message, deadline);
            outcome = "acked";
        } catch (PublishException e) {
            outcome = e.getReason().name().toLowerCase(Locale.ROOT);
            log.debug("{}", e.getMessage());
            throw e;
        } finally {
            sample.stop("acked".equals(outcome) ? acked : confirmTimer(outcome));
        }
    }

    private void sendAndConfirm(String exchange, String routingKey, Message message, long deadline) {
        // One correlation per attempt: a retry must not be settled by an earlier attempt's late confirm.
        CorrelationData correlation = new CorrelationData(UUID.randomUUID().toString());
        try {
            // invoke opens the channel first, then runs the callback on it. A broker busy with a lost cluster peer can
            // leave channel.open unanswered for tens of seconds (seen: 15-47 s after a RabbitMQ node was killed); by
            // then the caller has answered "not confirmed", so a channel that opens after the deadline sends nothing.
            rabbit.<Boolean>invoke(operations -> {
                if (Thread.currentThread().isInterrupted()) {
                    throw failure(Reason.INTERRUPTED, message, "abandoned while opening a channel; not sent", null);
                }
                if (System.nanoTime() - deadline >= 0) {
                    throw failure(Reason.TIMEOUT, message, "no channel within " + confirmTimeout + "; not sent", null);
                }
                operations.send(exchange, routingKey, message, correlation);
                return Boolean.TRUE;
            });
        } catch (PublishException e) {
            throw e;
        } catch (AmqpConnectException e) {
            throw failure(Reason.CONNECTION, message, "cannot connect to the broker: " + rootMessage(e), e);
        } catch (AmqpException e) {
            throw failure(Reason.CONNECTION, message, "cannot send: " + rootMessage(e), e);
        }
        CorrelationData.Confirm confirm;
        try {
            confirm = correlation.getFuture().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw failure(Reason.TIMEOUT, message, "no confirm within " + confirmTimeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(Reason.INTERRUPTED, message, "interrupted while waiting for the confirm", e);
        } catch (ExecutionException e) {
            throw failure(Reason.NACKED, message, "confirm failed: " + rootMessage(e), e);
        }
        if (!confirm.ack()) {
            // A missing exchange ends here: the broker closes the channel, which nacks what it had not confirmed.
            throw failure(Reason.NACKED, message, "broker nacked: " + confirm.reason(), null);
        }
        // spring-rabbit sets the returned message before completing the confirm future.
        ReturnedMessage returned = correlation.getReturned();
        if (returned != null) {
            throw failure(Reason.UNROUTABLE, message, "returned " + returned.getReplyCode() + " " + returned.getReplyText()
                    + " (exchange '" + returned.getExchange() + "', key " + returned.getRoutingKey() + ")", null);
        }
    }

    /** The AMQP form of a task message: JSON, persistent, its type id as {@code type}, a fresh message id, the task id header. */
    Message toAmqp(TaskMessage message) {
        MessageProperties properties = MessagePropertiesBuilder.newInstance()
                .setContentType(MessageProperties.CONTENT_TYPE_JSON)
                .setType(message.typeId())
                .setMessageId(UUID.randomUUID().toString())
                .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
                .build();
        TaskId taskId = message.taskId();
        if (taskId != null) {
            // The plain string: an AMQP header cannot carry an object.
            properties.setHeader(Headers.TASK_ID, taskId.value());
        }
        return new Message(codec.encode(message), properties);
    }

    private Timer confirmTimer(String outcome) {
        return Timer.builder(CONFIRM_METER)
                .description("Publish to broker confirm, per attempt, by outcome")
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(meters);
    }

    /** A failure naming the message by its AMQP type and task id header (both absent on foreign messages). */
    static PublishException failure(Reason reason, Message message, String detail, @Nullable Throwable cause) {
        MessageProperties properties = message.getMessageProperties();
        Object taskId = properties.getHeaders().get(Headers.TASK_ID);
        return new PublishException(reason, Objects.requireNonNullElse(properties.getType(), UNTYPED),
                taskId == null ? null : taskId.toString(), detail, cause);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
