package io.atq.messaging.rabbit;

import io.atq.contracts.messages.CancelTask;
import io.atq.contracts.messages.MessageCodec;
import io.atq.contracts.names.Topology;
import io.atq.contracts.tasks.TaskId;
import io.atq.messaging.PublishException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Exchange;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.testcontainers.rabbitmq.RabbitMQContainer;
import org.testcontainers.utility.DockerImageName;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The shared publisher and topology against a real broker of their own (the local image, never pulled): the topology
 * is declared as the apps declare it, so what routes and what is returned is the production topology's answer.
 */
class ConfirmedPublisherIT {
    private static final DockerImageName IMAGE = DockerImageName.parse("atq/rabbitmq:3.10").asCompatibleSubstituteFor("rabbitmq");
    private static RabbitMQContainer broker;
    private static CachingConnectionFactory connections;
    private static RabbitAdmin admin;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    /** Retries everything, as a director's does: an unroutable message must still not count as published. */
    private final Retry retryEverything = Retry.of("it", RetryConfig.custom().maxAttempts(2).waitDuration(Duration.ofMillis(10)).build());
    private final ConfirmedPublisher publisher = new ConfirmedPublisher(template(), new MessageCodec(), Duration.ofSeconds(5),
            retryEverything, CircuitBreaker.ofDefaults("it"), meters);

    @BeforeAll
    static void startTheBrokerAndDeclareTheTopology() {
        broker = new RabbitMQContainer(IMAGE);
        broker.start();
        connections = new CachingConnectionFactory(broker.getHost(), broker.getAmqpPort());
        connections.setUsername(broker.getAdminUsername());
        connections.setPassword(broker.getAdminPassword());
        connections.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.CORRELATED);
        connections.setPublisherReturns(true);
        admin = new RabbitAdmin(connections);
        declareTheTopology();
    }

    @AfterAll
    static void stopTheBroker() {
        if (connections != null) {
            connections.destroy();
        }
        // Ryuk is disabled on this machine, so nothing else would remove the container.
        if (broker != null) {
            broker.stop();
        }
    }

    @Test
    void aRoutablePublishIsConfirmedAndReachesTheQueueBoundToItsKey() {
        long requests = depth(Topology.REQUEST_QUEUE);

        // The request queue's key, because a quorum queue's depth is exact once confirmed (a stream's is not reported).
        publisher.publish(new CancelTask(TaskId.random(), Instant.now()), Topology.KEY_REQUESTED_QUIET);

        assertThat(depth(Topology.REQUEST_QUEUE)).isEqualTo(requests + 1);
        assertThat(meters.get(ConfirmedPublisher.CONFIRM_METER).tag("outcome", "acked").timer().count()).isEqualTo(1);
    }

    @Test
    void aKeyNothingIsBoundToIsReturnedUnroutableAndNotRetryable() {
        Message message = new Message("{}".getBytes(), typed("cancel-task.v1"));

        PublishException failure = catchThrowableOfType(PublishException.class,
                () -> publisher.publish(Topology.EXCHANGE, "no.such.key", message));

        assertThat(failure).isNotNull();
        assertThat(failure.getReason()).isEqualTo(PublishException.Reason.UNROUTABLE);
        assertThat(failure.isRetryable()).isFalse();
        assertThat(failure.getDetail()).contains("NO_ROUTE").contains("no.such.key");
        // Each attempt was returned: the retry tried again and the timer counted both.
        assertThat(meters.get(ConfirmedPublisher.CONFIRM_METER).tag("outcome", "unroutable").timer().count()).isEqualTo(2);
    }

    @Test
    void aMissingExchangeIsANegativeConfirmThatMayBeRetried() {
        PublishException failure = catchThrowableOfType(PublishException.class,
                () -> publisher.publishOnce("atq.no-such-exchange", "x", new Message("{}".getBytes(), typed("cancel-task.v1"))));

        assertThat(failure).isNotNull();
        assertThat(failure.getReason()).isEqualTo(PublishException.Reason.NACKED);
        assertThat(failure.isRetryable()).isTrue();
    }

    @Test
    void theWebhookEventQueueGetsRequestsAndPhaseChangesButNotTheirQuietKeys() {
        long webhooks = depth(Topology.WEBHOOK_EVENT_QUEUE);
        long requests = depth(Topology.REQUEST_QUEUE);

        for (String key : new String[] {Topology.KEY_REQUESTED, Topology.KEY_PHASE_CHANGED, Topology.KEY_REQUESTED_QUIET,
                Topology.KEY_PHASE_CHANGED_QUIET}) {
            publisher.publishOnce(Topology.EXCHANGE, key, new Message("{}".getBytes(), typed("it.v1")));
        }

        assertThat(depth(Topology.WEBHOOK_EVENT_QUEUE)).isEqualTo(webhooks + 2);
        assertThat(depth(Topology.REQUEST_QUEUE)).isEqualTo(requests + 2);
    }

    @Test
    void declaringTheTopologyAgainChangesNothing() {
        // What the second app to start does: the same arguments, so no PRECONDITION_FAILED closes the channel.
        declareTheTopology();

        assertThat(admin.getQueueInfo(Topology.WEBHOOK_EVENT_QUEUE)).isNotNull();
        assertThat(admin.getQueueInfo(Topology.REQUEST_QUEUE)).isNotNull();
    }

    /** As each app's RabbitAdmin does on connect, with the app's {@code Declarables} bean. */
    private static void declareTheTopology() {
        Declarables topology = AtqTopology.declarables();
        topology.getDeclarablesByType(Exchange.class).forEach(admin::declareExchange);
        topology.getDeclarablesByType(Queue.class).forEach(admin::declareQueue);
        topology.getDeclarablesByType(Binding.class).forEach(admin::declareBinding);
    }

    private static long depth(String queue) {
        var info = admin.getQueueInfo(queue);
        assertThat(info).as("queue %s declared", queue).isNotNull();
        return info.getMessageCount();
    }

    private static MessageProperties typed(String type) {
        MessageProperties properties = new MessageProperties();
        properties.setType(type);
        return properties;
    }

    private static RabbitTemplate template() {
        RabbitTemplate template = new RabbitTemplate(connections);
        template.setMandatory(true);
        return template;
    }
}
