package io.atq.director.it;

import io.atq.contracts.messages.CancelTask;
import io.atq.contracts.messages.MasterSpec;
import io.atq.contracts.messages.MessageType;
import io.atq.contracts.messages.TaskPhaseChanged;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.messages.TaskSpec;
import io.atq.contracts.messages.WorkerSpec;
import io.atq.contracts.names.Headers;
import io.atq.contracts.names.Topology;
import io.atq.contracts.tasks.TaskId;
import io.atq.director.support.DeadLetterQueue;
import io.atq.contracts.phase.FailureCause;
import io.atq.director.ledger.TaskLedger;
import io.atq.director.support.DeadLetterQueue;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class IntakeIT extends DirectorITSupport {
    @Autowired
    TaskLedger ledger;
    @Autowired
    RabbitTemplate rabbit;

    @Test
    void refusesAnImageOutsideTheWhitelistWithoutCreatingAnything() {
        TaskRequested request = new TaskRequested(TaskId.random(),
                new TaskSpec("it", new WorkerSpec("busybox:latest", 1, Map.of(), null),
                        new MasterSpec("atq/demo-master:1", Map.of("MODE", "ok")), Duration.ofMinutes(1)),
                Instant.now());
        publish(request);

        List<TaskPhaseChanged> events = tap.awaitTerminal(request.taskId(), Duration.ofSeconds(20));

        assertThat(phaseNames(events)).containsExactly("FAILED");
        assertThat(events.getFirst().failure().cause()).isEqualTo(FailureCause.CONFIG);
        assertThat(events.getFirst().failure().message()).contains("workers.image: 'busybox:latest' is not in the image whitelist");
        assertThat(swarm.listNetworks(INSTANCE, request.taskId())).isEmpty();
    }

    @Test
    void cancelsATaskCancelledWhileItWasQueued() {
        TaskRequested request = demoTask(1, Map.of("MODE", "ok"));
        publish(new CancelTask(request.taskId(), Instant.now()));
        await().atMost(Duration.ofSeconds(10)).until(() -> ledger.isCancelled(request.taskId()));
        publish(request);

        List<TaskPhaseChanged> events = tap.awaitTerminal(request.taskId(), Duration.ofSeconds(20));

        assertThat(phaseNames(events)).containsExactly("CANCELLED");
        assertThat(events.getFirst().failure().message()).isEqualTo("cancelled before it started");
    }

    @Test
    void deadLettersAnUnreadableRequest() {
        MessageProperties properties = new MessageProperties();
        properties.setType(MessageType.TASK_REQUESTED.id());
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        String marker = "{\"broken\": \"" + UUID.randomUUID() + "\"";
        rabbit.send(Topology.EXCHANGE, Topology.KEY_REQUESTED, new Message(marker.getBytes(StandardCharsets.UTF_8), properties));

        Message dead = new DeadLetterQueue(rabbit).await(DeadLetterQueue.bodyContaining(marker), Duration.ofSeconds(10));

        assertThat(new String(dead.getBody(), StandardCharsets.UTF_8)).isEqualTo(marker);
        assertThat((String) dead.getMessageProperties().getHeader(Headers.REJECT_REASON)).startsWith("cannot read message of type 'task-requested.v1'");
    }
}
