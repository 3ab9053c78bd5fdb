package io.atq.gateway.it;

import io.atq.contracts.messages.MessageCodec;
import io.atq.contracts.messages.TaskMessage;
import io.atq.contracts.messages.TaskPhaseChanged;
import io.atq.contracts.names.Headers;
import io.atq.contracts.names.Topology;
import io.atq.contracts.phase.Phase;
import io.atq.contracts.tasks.TaskId;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Publishes what a director would, straight onto the exchange, and waits for each confirm (so order is kept). */
final class FakeDirector {
    static final String ID = "fake-director";
    private final RabbitTemplate rabbit;
    private final MessageCodec codec = new MessageCodec();

    FakeDirector(RabbitTemplate rabbit) {
        this.rabbit = rabbit;
    }

    /** Moves the task (its id as the gateway answered it) through {@code phases}, one second apart. */
    void moves(String taskId, Phase... phases) {
        TaskId id = TaskId.parse(taskId);
        Instant at = Instant.now();
        for (Phase phase : phases) {
            at = at.plusSeconds(1);
            send(TaskPhaseChanged.of(id, phase, at, ID));
        }
    }

    void send(TaskMessage message) {
        MessageProperties properties = new MessageProperties();
        properties.setType(message.typeId());
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setMessageId(UUID.randomUUID().toString());
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        properties.setHeader(Headers.TASK_ID, String.valueOf(message.taskId()));
        CorrelationData correlation = new CorrelationData();
        rabbit.send(Topology.EXCHANGE, message.type().routingKey(), new Message(codec.encode(message), properties), correlation);
        try {
            assertThat(correlation.getFuture().get(5, TimeUnit.SECONDS).ack()).as("broker confirmed %s", message).isTrue();
        } catch (Exception e) {
            throw new AssertionError("no confirm for " + message, e);
        }
    }
}
