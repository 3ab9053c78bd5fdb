package io.atq.messaging.rabbit;

import io.atq.contracts.messages.CancelTask;
import io.atq.contracts.messages.MessageCodec;
import io.atq.contracts.messages.StreamMarker;
import io.atq.contracts.names.Headers;
import io.atq.contracts.tasks.TaskId;
import io.atq.messaging.PublishException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What needs no broker: the set-up it refuses, the AMQP form of a task message, and what a failure names. */
class ConfirmedPublisherTest {
    private final MessageCodec codec = new MessageCodec();

    @Test
    void refusesATemplateThatCannotTellAnUnroutableOrUnconfirmedPublish() {
        // A connection factory connects lazily: nothing here talks to a broker.
        CachingConnectionFactory plain = new CachingConnectionFactory("localhost");

        assertThatThrownBy(() -> publisher(new RabbitTemplate(plain), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("publisher-confirm-type=correlated");
        RabbitTemplate confirmingButNotMandatory = new RabbitTemplate(confirming());
        assertThatThrownBy(() -> publisher(confirmingButNotMandatory, Duration.ofSeconds(1)))
                .hasMessageContaining("template.mandatory=true");
    }

    @Test
    void refusesANonPositiveConfirmTimeout() {
        assertThatThrownBy(() -> publisher(mandatory(), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PT0S");
    }

    @Test
    void aTaskMessageTravelsAsPersistentTypedJsonWithItsTaskId() {
        CancelTask cancel = new CancelTask(TaskId.parse("00000000-0000-4000-8000-000000000001"), Instant.parse("2025-01-01T00:00:00Z"));

        Message amqp = publisher(mandatory(), Duration.ofSeconds(1)).toAmqp(cancel);

        MessageProperties properties = amqp.getMessageProperties();
        assertThat(properties.getType()).isEqualTo("cancel-task.v1");
        assertThat(properties.getContentType()).isEqualTo(MessageProperties.CONTENT_TYPE_JSON);
        assertThat(properties.getDeliveryMode()).isEqualTo(MessageDeliveryMode.PERSISTENT);
        assertThat(properties.getMessageId()).isNotBlank();
        assertThat(properties.getHeaders()).containsEntry(Headers.TASK_ID, "00000000-0000-4000-8000-000000000001");
        assertThat(codec.decode(properties.getType(), amqp.getBody())).isEqualTo(cancel);
    }

    @Test
    void aMessageAboutNoTaskCarriesNoTaskIdHeader() {
        Message amqp = publisher(mandatory(), Duration.ofSeconds(1)).toAmqp(new StreamMarker("nonce", Instant.now()));

        assertThat(amqp.getMessageProperties().getHeaders()).doesNotContainKey(Headers.TASK_ID);
    }

    @Test
    void aFailureNamesTheMessageTypeAndTaskFromTheAmqpProperties() {
        MessageProperties properties = new MessageProperties();
        properties.setType("delivery-job.v1");
        properties.setHeader(Headers.TASK_ID, "task-2");

        PublishException failure = ConfirmedPublisher.failure(PublishException.Reason.UNROUTABLE,
                new Message(new byte[0], properties), "returned 312 NO_ROUTE", null);

        assertThat(failure).hasMessage("publishing delivery-job.v1 for task task-2 failed (UNROUTABLE): returned 312 NO_ROUTE");
        assertThat(failure.getDetail()).isEqualTo("returned 312 NO_ROUTE");
        assertThat(failure.isRetryable()).isFalse();
    }

    @Test
    void aForeignMessageWithoutTypeOrTaskIsStillNamed() {
        PublishException failure = ConfirmedPublisher.failure(PublishException.Reason.TIMEOUT,
                new Message(new byte[0]), "no confirm within PT5S", null);

        assertThat(failure.getTypeId()).isEqualTo(ConfirmedPublisher.UNTYPED);
        assertThat(failure.getTaskId()).isNull();
    }

    private ConfirmedPublisher publisher(RabbitTemplate template, Duration timeout) {
        return new ConfirmedPublisher(template, codec, timeout, Retry.ofDefaults("test"), CircuitBreaker.ofDefaults("test"),
                new SimpleMeterRegistry());
    }

    private static RabbitTemplate mandatory() {
        RabbitTemplate template = new RabbitTemplate(confirming());
        template.setMandatory(true);
        return template;
    }

    private static CachingConnectionFactory confirming() {
        CachingConnectionFactory connections = new CachingConnectionFactory("localhost");
        connections.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.CORRELATED);
        connections.setPublisherReturns(true);
        return connections;
    }
}
