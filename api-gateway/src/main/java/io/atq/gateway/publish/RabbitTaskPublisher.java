package io.atq.gateway.publish;

import io.atq.contracts.messages.Callback;
import io.atq.contracts.messages.MessageCodec;
import io.atq.contracts.messages.TaskMessage;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.names.Headers;
import io.atq.contracts.names.Topology;
import io.atq.contracts.phase.Phase;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
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
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes to the ATQ exchange with publisher confirms and mandatory returns: a publish counts only when the
 * broker acked it and did not return it. Guarded by resilience4j: the {@code broker} retry (connection failures
 * only, see {@link RetryablePublishFailure}) around the {@code broker} circuit breaker.
 */
public final class RabbitTaskPublisher implements TaskPublisher {
    private static final Logger log = LoggerFactory.getLogger(RabbitTaskPublisher.class);
    /** Timer from send to confirm of each publish attempt, tagged {@code outcome} ({@code acked} or the failure reason). */
    public static final String CONFIRM_METER = "atq.publish.confirm";

    private final RabbitTemplate rabbit;
    private final MessageCodec codec;
    private final Duration confirmTimeout;
    private final CircuitBreaker breaker;
    private final Retry retry;
    private final MeterRegistry meters;
    /** The timer of acked attempts, looked up once: it is the one every successful publish records. */
    private final Timer acked;

    /** A publisher whose confirms are not measured (tests). */
    public RabbitTaskPublisher(RabbitTemplate rabbit, MessageCodec codec, Duration confirmTimeout,
                               CircuitBreaker breaker, Retry retry) {
        // An empty composite registry records nothing.
        this(rabbit, codec, confirmTimeout, breaker, retry, new CompositeMeterRegistry());
    }

    public RabbitTaskPublisher(RabbitTemplate rabbit, MessageCodec codec, Duration confirmTimeout,
                               CircuitBreaker breaker, Retry retry, MeterRegistry meters) {
        this.meters = meters;
        this.acked = confirmTimer("acked");
        this.rabbit = rabbit;
        this.codec = codec;
        this.confirmTimeout = confirmTimeout;
        this.breaker = breaker;
        this.retry = retry;
    }

    @Override
    public void publish(TaskMessage message) {
        Runnable send = Retry.decorateRunnable(retry, CircuitBreaker.decorateRunnable(breaker, () -> send(message)));
        try {
            send.run();
        } catch (CallNotPermittedException e) {
            throw new PublishException(PublishException.Reason.CIRCUIT_OPEN, message.typeId(), message.taskId(),
                    String.valueOf(e.getMessage()), e);
        }
    }

    /** One attempt, timed from send to confirm (or failure). */
    private void send(TaskMessage message) {
        Timer.Sample sample = Timer.start(meters);
        // Anything but an ack or a classified failure is a bug; "error" keeps it visible.
        String outcome = "error";
        try {
            sendAndConfirm(message);
            outcome = "acked";
        } catch (PublishException e) {
            outcome = e.getReason().name().toLowerCase(Locale.ROOT);
            throw e;
        } finally {
            sample.stop("acked".equals(outcome) ? acked : confirmTimer(outcome));
        }
    }

    private Timer confirmTimer(String outcome) {
        return Timer.builder(CONFIRM_METER)
                .description("Publish to broker confirm, per attempt, by outcome")
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(meters);
    }

    private void sendAndConfirm(TaskMessage message) {
        String messageId = UUID.randomUUID().toString();
        Message amqp = toAmqp(message, messageId);
        CorrelationData correlation = new CorrelationData(messageId);
        try {
            rabbit.send(Topology.EXCHANGE, routingKey(message), amqp, correlation);
        } catch (AmqpConnectException e) {
            throw failure(PublishException.Reason.CONNECTION, message, "cannot connect to the broker: " + rootMessage(e), e);
        } catch (AmqpException e) {
            throw failure(PublishException.Reason.CONNECTION, message, "cannot send: " + rootMessage(e), e);
        }
        CorrelationData.Confirm confirm;
        try {
            confirm = correlation.getFuture().get(confirmTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw failure(PublishException.Reason.TIMEOUT, message, "no confirm within " + confirmTimeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(PublishException.Reason.INTERRUPTED, message, "interrupted while waiting for the confirm", e);
        } catch (ExecutionException e) {
            throw failure(PublishException.Reason.NACKED, message, "confirm failed: " + rootMessage(e), e);
        }
        if (!confirm.ack()) {
            throw failure(PublishException.Reason.NACKED, message, "broker nacked: " + confirm.reason(), null);
        }
        // spring-rabbit sets the returned message before completing the confirm future.
        ReturnedMessage returned = correlation.getReturned();
        if (returned != null) {
            throw failure(PublishException.Reason.UNROUTABLE, message, "returned " + returned.getReplyCode() + " "
                    + returned.getReplyText() + " (exchange " + returned.getExchange() + ", key " + returned.getRoutingKey() + ")", null);
        }
        log.debug("Published {} {} for task {}", message.typeId(), messageId, message.taskId());
    }

    /** A request no webhook reports (QUEUED is not terminal) skips the webhook event queue: see MessageType. */
    static String routingKey(TaskMessage message) {
        boolean reported = !(message instanceof TaskRequested requested)
                || Callback.reported(requested.spec().callback(), Phase.QUEUED);
        return message.type().routingKey(reported);
    }

    private Message toAmqp(TaskMessage message, String messageId) {
        MessageProperties properties = MessagePropertiesBuilder.newInstance()
                .setContentType(MessageProperties.CONTENT_TYPE_JSON)
                .setType(message.typeId())
                .setMessageId(messageId)
                .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
                .build();
        if (message.taskId() != null) {
            properties.setHeader(Headers.TASK_ID, message.taskId());
        }
        return new Message(codec.encode(message), properties);
    }

    private static PublishException failure(PublishException.Reason reason, TaskMessage message, String detail, @Nullable Throwable cause) {
        PublishException failure = new PublishException(reason, message.typeId(), message.taskId(), detail, cause);
        log.warn(failure.getMessage());
        return failure;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
