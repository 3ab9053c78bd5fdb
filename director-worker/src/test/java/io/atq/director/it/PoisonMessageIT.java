package io.atq.director.it;

import io.atq.contracts.messages.MessageCodec;
import io.atq.contracts.messages.MessageType;
import io.atq.contracts.messages.TaskPhaseChanged;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.messages.TaskSpec;
import io.atq.contracts.names.Headers;
import io.atq.contracts.names.Topology;
import io.atq.contracts.phase.FailureCause;
import io.atq.contracts.tasks.TaskId;
import io.atq.director.support.CountingSwarmClient;
import io.atq.director.support.DeadLetterQueue;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Hostile and poison messages put straight on the real request queue: refused at once, or after a bounded number of deliveries. */
class PoisonMessageIT extends DirectorITSupport {
    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    CountingSwarmClient counting;
    @Autowired
    DirectorTestHooks.CrashingHandler crashing;

    /** Straight on the queue (default exchange): the way a forger with broker access would, bypassing the gateway and the stream. */
    private void putOnQueue(String typeId, String body) {
        MessageProperties properties = new MessageProperties();
        properties.setType(typeId);
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        rabbit.send("", Topology.REQUEST_QUEUE, new Message(body.getBytes(StandardCharsets.UTF_8), properties));
    }

    private Message deadLetterOf(String text) {
        long started = System.nanoTime();
        Message dead = new DeadLetterQueue(rabbit).await(DeadLetterQueue.bodyContaining(text), Duration.ofSeconds(20));
        System.out.printf("[numbers] dead-lettered %s after %d ms: %s%n", text, (System.nanoTime() - started) / 1_000_000,
                (Object) dead.getMessageProperties().getHeader(Headers.REJECT_REASON));
        return dead;
    }

    private static String reason(Message dead) {
        return dead.getMessageProperties().getHeader(Headers.REJECT_REASON);
    }

    /** A field no gateway writes, inserted after {@code anchor} in an otherwise valid request. */
    private record Forgery(String field, String anchor, String insert) {
    }

    @Test
    void forgedPrivilegesAndHostMountsAreRefusedWithoutASingleDockerCall() {
        List<Forgery> forgeries = List.of(
                new Forgery("privileged", "\"workers\":{", "\"privileged\":true,"),
                new Forgery("mounts", "\"workers\":{", "\"mounts\":[{\"type\":\"bind\",\"source\":\"/\",\"target\":\"/host\"}],"),
                new Forgery("capAdd", "\"master\":{", "\"capAdd\":[\"SYS_ADMIN\"],"));
        for (Forgery forgery : forgeries) {
            TaskRequested request = demoTask(1, Map.of("MODE", "ok"));
            String field = forgery.field();
            String json = new String(new MessageCodec().encode(request), StandardCharsets.UTF_8)
                    .replace(forgery.anchor(), forgery.anchor() + forgery.insert());
            long callsBefore = counting.callsExceptSweeps();
            published.add(request.taskId());
            putOnQueue(MessageType.TASK_REQUESTED.id(), json);

            Message dead = deadLetterOf(request.taskId().value());
            List<TaskPhaseChanged> events = tap.awaitTerminal(request.taskId(), Duration.ofSeconds(20));

            assertThat(counting.callsExceptSweeps()).as("Docker calls caused by a forged %s", field).isEqualTo(callsBefore);
            assertThat(reason(dead)).contains("Unrecognized property \"" + field + "\"");
            assertThat(dead.getMessageProperties().getHeaders()).containsEntry(Headers.REJECTED_BY, "it-director")
                    .containsEntry(Headers.ORIGINAL_ROUTING_KEY, Topology.REQUEST_QUEUE);
            assertThat(phaseNames(events)).containsExactly("FAILED");
            assertThat(events.getFirst().failure().cause()).isEqualTo(FailureCause.CONFIG);
            assertThat(swarm.listServices(INSTANCE, request.taskId())).isEmpty();
        }
    }

    @Test
    void anImageOutsideTheWhitelistIsDeadLetteredWithTheViolation() {
        TaskRequested request = demoTask(1, Map.of("MODE", "ok"));
        String json = new String(new MessageCodec().encode(request), StandardCharsets.UTF_8).replace("atq/demo-worker:1", "evil.io/atq/demo-worker:1");
        long callsBefore = counting.callsExceptSweeps();
        published.add(request.taskId());
        putOnQueue(MessageType.TASK_REQUESTED.id(), json);

        Message dead = deadLetterOf(request.taskId().value());
        List<TaskPhaseChanged> events = tap.awaitTerminal(request.taskId(), Duration.ofSeconds(20));

        assertThat(counting.callsExceptSweeps()).isEqualTo(callsBefore);
        assertThat(reason(dead)).contains("workers.image").contains("not in the image whitelist");
        assertThat(events.getFirst().failure().cause()).isEqualTo(FailureCause.CONFIG);
    }

    @Test
    void malformedJsonAndUnknownTypesAreDeadLetteredAtOnceWithTheirReason() {
        String marker = "atq-test-" + java.util.UUID.randomUUID();
        putOnQueue(MessageType.TASK_REQUESTED.id(), "{\"taskId\":\"" + marker + "\",");
        putOnQueue("com.example.Evil", "{\"id\":\"" + marker + "-type\"}");

        Message malformed = deadLetterOf(marker + "\",");
        Message unknownType = deadLetterOf(marker + "-type");

        assertThat(reason(malformed)).startsWith("cannot read message of type 'task-requested.v1'");
        assertThat(reason(unknownType)).contains("unknown type id");
        assertThat(malformed.getMessageProperties().getHeaders()).containsEntry(Headers.DELIVERY_COUNT, 0L);
    }

    @Test
    void aMessageThatCrashesTheDirectorEveryTimeIsDeadLetteredAfterTheDeliveryLimitWhileTheTaskBehindItSucceeds() {
        TaskRequested poison = new TaskRequested(TaskId.random(),
                crashing(demoTask(1, Map.of("MODE", "ok")).spec()), java.time.Instant.now());
        TaskRequested good = demoTask(1, Map.of("MODE", "ok"));
        int crashesBefore = crashing.crashes.get();
        putOnQueue(MessageType.TASK_REQUESTED.id(), new String(new MessageCodec().encode(poison), StandardCharsets.UTF_8));
        publish(good);

        Message dead = deadLetterOf(poison.taskId().value());
        List<TaskPhaseChanged> events = tap.awaitTerminal(good.taskId(), RUN_LIMIT);

        int deliveries = crashing.crashes.get() - crashesBefore;
        System.out.printf("[numbers] poison message delivered %d times (limit %d)%n", deliveries, Topology.DELIVERY_LIMIT);
        assertThat(deliveries).isBetween(2, Topology.DELIVERY_LIMIT + 1);
        // Dead-lettered by the broker itself: x-death says why (RabbitMQ 3.10 quorum queues: "delivery_limit").
        assertThat(String.valueOf(dead.getMessageProperties().getHeaders().get("x-death"))).contains("delivery_limit");
        assertThat(events.getLast().phase().name()).isEqualTo("SUCCEEDED");
        assertThat(tap.phases(poison.taskId())).isEmpty();
    }

    private static TaskSpec crashing(TaskSpec spec) {
        return new TaskSpec(DirectorTestHooks.CRASH_MARKER, spec.workers(), spec.master(), spec.timeout());
    }
}
