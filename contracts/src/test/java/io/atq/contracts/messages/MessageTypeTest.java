package io.atq.contracts.messages;

import io.atq.contracts.tasks.TaskId;
import io.atq.contracts.phase.Phase;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The registry of message types: complete, unambiguous, and the wire names it gives are the ones in use. */
class MessageTypeTest {
    private static final Instant AT = Instant.parse("2026-11-29T10:15:30Z");
    private final MessageCodec codec = new MessageCodec();

    /** One message of every type. */
    private static final TaskId T1 = TaskId.parse("00000000-0000-4000-8000-000000000001");

    private static List<TaskMessage> oneOfEach() {
        TaskSpec spec = new TaskSpec("load", new WorkerSpec("atq/demo-worker:1", 2, Map.of(), 8080),
                new MasterSpec("atq/demo-master:1", Map.of()), Duration.ofMinutes(5));
        return List.of(
                new TaskRequested(T1, spec, AT),
                TaskPhaseChanged.of(T1, Phase.RUNNING, AT, "director-1"),
                new CancelTask(T1, AT),
                new TaskCleanedUp(T1, AT, "director-1", true, null),
                new StreamMarker("nonce-1", AT),
                new WebhookAttempted(T1, "msg_t1_RUNNING", Phase.RUNNING, 1, AT, 200, null, WebhookOutcome.DELIVERED, null, "gw-1"));
    }

    @Test
    void everyTaskMessageRecordHasExactlyOneEntry() {
        List<Class<?>> registered = Arrays.stream(MessageType.values()).<Class<?>>map(MessageType::recordClass).toList();
        assertThat(registered).doesNotHaveDuplicates()
                .containsExactlyInAnyOrder(TaskMessage.class.getPermittedSubclasses());
    }

    @Test
    void typeIdsAreUniqueShortAndVersioned() {
        List<String> ids = Arrays.stream(MessageType.values()).map(MessageType::id).toList();
        assertThat(ids).doesNotHaveDuplicates().allSatisfy(id -> assertThat(id).matches("[a-z-]+\\.v[0-9]+"));
    }

    @Test
    void routingKeysAreUniqueAndAllMatchTheLogBinding() {
        List<String> keys = Arrays.stream(MessageType.values())
                .flatMap(type -> java.util.stream.Stream.concat(java.util.stream.Stream.of(type.routingKey()), type.quietRoutingKey().stream()))
                .toList();
        assertThat(keys).doesNotHaveDuplicates().allSatisfy(key -> assertThat(key).startsWith("task."));
    }

    @Test
    void theWireNamesAreTheOnesBrokersAndLogsAlreadyHold() {
        // Changing any of these breaks old task logs and running apps of the other version: add a .v2 type instead.
        Map<MessageType, String> wire = Arrays.stream(MessageType.values())
                .collect(Collectors.toMap(Function.identity(), type -> type.id() + " " + type.routingKey(true) + " " + type.routingKey(false)));
        assertThat(wire).containsExactlyInAnyOrderEntriesOf(Map.of(
                MessageType.TASK_REQUESTED, "task-requested.v1 task.requested task.requested.quiet",
                MessageType.TASK_PHASE_CHANGED, "task-phase-changed.v1 task.phase-changed task.phase-changed.quiet",
                MessageType.CANCEL_TASK, "cancel-task.v1 task.cancel task.cancel",
                MessageType.TASK_CLEANED_UP, "task-cleaned-up.v1 task.cleaned-up task.cleaned-up",
                MessageType.STREAM_MARKER, "stream-marker.v1 task.stream-marker task.stream-marker",
                MessageType.WEBHOOK_ATTEMPTED, "webhook-attempted.v1 task.webhook-attempted task.webhook-attempted"));
    }

    @Test
    void eachTypeRoundTripsThroughTheCodecUnderItsOwnId() {
        List<TaskMessage> messages = oneOfEach();
        assertThat(messages).extracting(TaskMessage::type).containsExactlyInAnyOrder(MessageType.values());
        for (TaskMessage message : messages) {
            MessageType type = message.type();
            assertThat(type.recordClass()).isEqualTo(message.getClass());
            assertThat(MessageType.byId(message.typeId())).contains(type);
            byte[] body = codec.encode(message);
            // The type travels in the AMQP type property only, never inside the JSON.
            assertThat(new String(body, StandardCharsets.UTF_8)).doesNotContain(type.id()).doesNotContain("\"type\"");
            assertThat(codec.decode(type.id(), body)).isInstanceOf(type.recordClass()).isEqualTo(message);
        }
    }

    @Test
    void anUnknownTypeIdIsNoType() {
        assertThat(MessageType.byId("task-requested.v0")).isEmpty();
        assertThat(MessageType.byId(null)).isEmpty();
        assertThatThrownBy(() -> codec.decode("task-requested.v0", "{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnreadableMessageException.class)
                .hasMessageContaining("task-requested.v1");
    }
}
