package io.atq.messaging.rabbit;

import com.rabbitmq.client.Channel;
import io.atq.contracts.messages.CancelTask;
import io.atq.contracts.messages.MessageCodec;
import io.atq.contracts.tasks.TaskId;
import io.atq.messaging.PublishException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.connection.PublisherCallbackChannel;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A channel that opens too late sends nothing: a broker that lost a cluster peer can answer {@code channel.open} tens
 * of seconds late, after the caller has answered "not confirmed". The broker is a fake here (a channel that takes its
 * time to open and counts publishes); what a real broker confirms is {@link ConfirmedPublisherIT}'s.
 */
class ConfirmedPublisherDeadlineTest {
    private final AtomicInteger publishes = new AtomicInteger();
    private final CancelTask message = new CancelTask(TaskId.random(), Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void aChannelThatOpensAfterTheConfirmTimeoutSendsNothing() {
        ConfirmedPublisher publisher = publisher(Duration.ofMillis(300), Duration.ofMillis(100));

        assertThatThrownBy(() -> publisher.publish(message))
                .isInstanceOfSatisfying(PublishException.class, e -> {
                    assertThat(e.getReason()).isEqualTo(PublishException.Reason.TIMEOUT);
                    assertThat(e.getDetail()).contains("no channel within PT0.1S").contains("not sent");
                });
        assertThat(publishes).hasValue(0);
    }

    @Test
    void aCallerThatGaveUpWhileTheChannelOpenedSendsNothing() {
        ConfirmedPublisher publisher = publisher(Duration.ZERO, Duration.ofSeconds(5));

        // What BoundedPublish does to a worker whose request was already answered.
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> publisher.publish(message))
                    .isInstanceOfSatisfying(PublishException.class, e -> assertThat(e.getReason()).isEqualTo(PublishException.Reason.INTERRUPTED));
        } finally {
            Thread.interrupted();
        }
        assertThat(publishes).hasValue(0);
    }

    @Test
    void aChannelThatOpensInTimeIsPublishedOn() {
        ConfirmedPublisher publisher = publisher(Duration.ZERO, Duration.ofMillis(200));

        // The fake channel never confirms: the publish went out and then timed out waiting.
        assertThatThrownBy(() -> publisher.publish(message))
                .isInstanceOfSatisfying(PublishException.class, e -> assertThat(e.getDetail()).contains("no confirm within"));
        assertThat(publishes).hasValue(1);
    }

    private ConfirmedPublisher publisher(Duration channelOpens, Duration confirmTimeout) {
        RabbitTemplate template = new RabbitTemplate(connectionFactory(channelOpens));
        template.setMandatory(true);
        return new ConfirmedPublisher(template, new MessageCodec(), confirmTimeout, Retry.of("deadline", RetryConfig.custom().maxAttempts(1).build()),
                CircuitBreaker.ofDefaults("deadline"), new SimpleMeterRegistry());
    }

    private ConnectionFactory connectionFactory(Duration channelOpens) {
        // A confirming channel as spring-rabbit wraps one; amqp-client's own waits for channel.open ignore interrupts.
        Channel channel = fake(PublisherCallbackChannel.class, (proxy, method, args) -> switch (method.getName()) {
            case "basicPublish" -> {
                publishes.incrementAndGet();
                yield null;
            }
            case "isOpen" -> true;
            default -> defaultOf(method.getReturnType());
        });
        Connection connection = fake(Connection.class, (proxy, method, args) -> switch (method.getName()) {
            case "createChannel" -> {
                if (channelOpens.isPositive()) {
                    Thread.sleep(channelOpens);
                }
                yield channel;
            }
            case "isOpen" -> true;
            default -> defaultOf(method.getReturnType());
        });
        return fake(ConnectionFactory.class, (proxy, method, args) -> switch (method.getName()) {
            case "createConnection" -> connection;
            case "isPublisherConfirms", "isPublisherReturns" -> true;
            default -> defaultOf(method.getReturnType());
        });
    }

    private static <T> T fake(Class<T> type, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private static Object defaultOf(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        return null;
    }
}
