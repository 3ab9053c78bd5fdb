package io.atq.director.support;

import io.atq.contracts.messages.MessageCodec;
import io.atq.contracts.messages.MessageType;
import io.atq.contracts.messages.TaskCleanedUp;
import io.atq.contracts.messages.TaskMessage;
import io.atq.contracts.messages.TaskPhaseChanged;
import io.atq.contracts.names.Topology;
import io.atq.contracts.tasks.TaskId;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/** A test queue bound to the ATQ exchange: collects every TaskPhaseChanged and TaskCleanedUp the director publishes. */
public final class EventTap implements AutoCloseable {
    private final List<TaskMessage> received = new ArrayList<>();
    private final SimpleMessageListenerContainer container;

    public EventTap(ConnectionFactory connectionFactory, MessageCodec codec) {
        RabbitAdmin admin = new RabbitAdmin(connectionFactory);
        // Not AnonymousQueue: spring-amqp 4 gives it an x-queue-leader-locator argument that RabbitMQ 3.10 refuses for classic queues.
        Queue queue = new Queue("atq-test-tap-" + UUID.randomUUID(), false, true, true);
        admin.declareQueue(queue);
        TopicExchange exchange = new TopicExchange(Topology.EXCHANGE, true, false);
        admin.declareBinding(BindingBuilder.bind(queue).to(exchange).with(Topology.KEY_PHASE_CHANGED));
        // Phases no webhook reports are published with the quiet key (most test tasks have no callback).
        admin.declareBinding(BindingBuilder.bind(queue).to(exchange).with(Topology.KEY_PHASE_CHANGED_QUIET));
        admin.declareBinding(BindingBuilder.bind(queue).to(exchange).with(MessageType.TASK_CLEANED_UP.routingKey()));
        container = new SimpleMessageListenerContainer(connectionFactory);
        container.setQueues(queue);
        container.setMessageListener(message -> {
            TaskMessage decoded = codec.decode(message.getMessageProperties().getType(), message.getBody());
            synchronized (received) {
                received.add(decoded);
            }
        });
        container.start();
    }

    /** The phases of a task in the order they arrived. */
    public List<TaskPhaseChanged> phases(TaskId taskId) {
        synchronized (received) {
            return received.stream().filter(m -> m instanceof TaskPhaseChanged p && p.taskId().equals(taskId))
                    .map(TaskPhaseChanged.class::cast).toList();
        }
    }

    /** Every event of a task in arrival order. */
    public List<TaskMessage> all(TaskId taskId) {
        synchronized (received) {
            return received.stream().filter(m -> taskId.equals(m.taskId())).toList();
        }
    }

    public Optional<TaskCleanedUp> cleanedUp(TaskId taskId) {
        synchronized (received) {
            return received.stream().filter(m -> m instanceof TaskCleanedUp c && c.taskId().equals(taskId))
                    .map(TaskCleanedUp.class::cast).findFirst();
        }
    }

    /** Waits for the task's terminal phase and returns every phase event. */
    public List<TaskPhaseChanged> awaitTerminal(TaskId taskId, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(50))
                .until(() -> phases(taskId).stream().anyMatch(p -> p.phase().isTerminal()));
        return phases(taskId);
    }

    /** Waits until a phase was reached. */
    public TaskPhaseChanged awaitPhase(TaskId taskId, io.atq.contracts.phase.Phase phase, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(50))
                .until(() -> phases(taskId).stream().anyMatch(p -> p.phase() == phase));
        return phases(taskId).stream().filter(p -> p.phase() == phase).findFirst().orElseThrow();
    }

    /** Waits for the task's clean-up report. */
    public TaskCleanedUp awaitCleanedUp(TaskId taskId, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(100)).until(() -> cleanedUp(taskId).isPresent());
        return cleanedUp(taskId).orElseThrow();
    }

    @Override
    public void close() {
        container.stop();
    }
}
