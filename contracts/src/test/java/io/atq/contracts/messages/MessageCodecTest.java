package io.atq.contracts.messages;

import io.atq.contracts.phase.FailureCause;
import io.atq.contracts.phase.Phase;
import io.atq.contracts.tasks.TaskId;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageCodecTest {
    private static final String T1_ID = "00000000-0000-4000-8000-000000000001";
    private static final TaskId T1 = TaskId.parse(T1_ID);
    private static final TaskId T2 = TaskId.parse("00000000-0000-4000-8000-000000000002");
    private final MessageCodec codec = new MessageCodec();
    private final Instant at = Instant.parse("2026-11-29T10:15:30.123Z");

    private TaskRequested requested() {
        TaskSpec spec = new TaskSpec("checkout-load",
                new WorkerSpec("atq/demo-worker:1", 3, Map.of("MODE", "node"), 8080),
                new MasterSpec("atq/demo-master:1", Map.of("MODE", "master")),
                Duration.ofMinutes(10));
        return new TaskRequested(TaskId.parse("7f9c0d2e-1111-4222-8333-444455556666"), spec, at);
    }

    @Test
    void roundTripsEveryMessageType() {
        List<TaskMessage> messages = List.of(
                requested(),
                new TaskPhaseChanged(T1, Phase.STARTING_MASTER, at, "director-1", List.of("10.0.1.3", "10.0.1.4"), null, null),
                new TaskPhaseChanged(T1, Phase.FAILED, at, "director-1", List.of(), 3, Failure.of(FailureCause.TEST, "exit 3")),
                new TaskPhaseChanged(T1, Phase.STARTING_WORKERS, at, "director-1", List.of(), null, null,
                        java.util.Map.of("worker", "sha256:0123")),
                new TaskPhaseChanged(T1, Phase.SUCCEEDED, at, "director-1", List.of(), 0, null, java.util.Map.of(),
                        new Evidence(false, List.of("master.log: cannot write: No space left on device"))),
                new TaskPhaseChanged(T1, Phase.RUNNING, at, "director-1", List.of("10.0.1.3"), null, null, java.util.Map.of(), null,
                        java.util.Map.of("worker-1", "node2", "master", "node3")),
                new TaskRequested(T2, new TaskSpec("load", new WorkerSpec("atq/demo-worker:1", 2, java.util.Map.of(), 8080),
                        new MasterSpec("atq/demo-master:1", java.util.Map.of()), java.time.Duration.ofMinutes(5),
                        java.util.Map.of("branch", "main"), "a".repeat(64), new Callback("https://h/x", CallbackEvents.ALL)),
                        at, "ci", "sub-1", "key-1", "ab12"),
                new CancelTask(T1, at),
                new TaskCleanedUp(T1, at, "director-1", true, null),
                new StreamMarker("nonce-1", at),
                new WebhookAttempted(T1, "msg_t1_RUNNING", Phase.RUNNING, 2, at, 500, "HTTP 500", WebhookOutcome.RETRYING,
                        at.plusSeconds(30), "gateway-1"),
                new WebhookAttempted(T1, "msg_t1_RUNNING", Phase.RUNNING, 3, at, null, "connect timed out",
                        WebhookOutcome.GIVEN_UP, null, "gateway-2"));
        for (TaskMessage message : messages) {
            byte[] body = codec.encode(message);
            assertThat(codec.decode(message.typeId(), body)).isEqualTo(message);
        }
    }

    @Test
    void writesTimesAndDurationsAsIsoStringsAndPhasesByName() {
        String json = new String(codec.encode(requested()), StandardCharsets.UTF_8);
        assertThat(json).contains("\"timeout\":\"PT10M\"").contains("\"requestedAt\":\"2026-11-29T10:15:30.123Z\"");
        String event = new String(codec.encode(TaskPhaseChanged.of(T1, Phase.RUNNING, at, "d")), StandardCharsets.UTF_8);
        assertThat(event).contains("\"phase\":\"RUNNING\"");
    }

    @Test
    void ignoresFieldsAddedByNewerProducers() {
        String json = "{\"taskId\":\"" + T1_ID + "\",\"requestedAt\":\"2026-11-29T10:15:30Z\",\"addedLater\":42}";
        assertThat(codec.decode(MessageType.CANCEL_TASK.id(), json.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new CancelTask(T1, Instant.parse("2026-11-29T10:15:30Z")));
    }

    @Test
    void readsAPhaseChangeWithoutEvidenceFromAnOlderDirectorAsNotReported() {
        String json = "{\"taskId\":\"" + T1_ID + "\",\"phase\":\"SUCCEEDED\",\"at\":\"2026-11-29T10:15:30Z\",\"director\":\"d\",\"exitCode\":0}";
        TaskPhaseChanged event = (TaskPhaseChanged) codec.decode(MessageType.TASK_PHASE_CHANGED.id(), json.getBytes(StandardCharsets.UTF_8));
        assertThat(event.evidence()).isNull();
        assertThat(Evidence.of(List.of())).isEqualTo(Evidence.COMPLETE);
        assertThat(Evidence.of(List.of("x")).complete()).isFalse();
    }

    @Test
    void refusesUnknownTypeIdsWithoutRetry() {
        assertThatThrownBy(() -> codec.decode("com.example.Evil", "{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnreadableMessageException.class)
                .hasMessageContaining("com.example.Evil")
                .satisfies(e -> assertThat(((UnreadableMessageException) e).isRetryable()).isFalse());
    }

    @Test
    void refusesBodiesThatAreNotTheirType() {
        assertThatThrownBy(() -> codec.decode(MessageType.TASK_REQUESTED.id(), "not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnreadableMessageException.class);
        assertThatThrownBy(() -> codec.decode(MessageType.TASK_REQUESTED.id(), "{\"taskId\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnreadableMessageException.class);
    }

    @Test
    void deadlineIsRequestTimePlusTimeout() {
        assertThat(requested().deadline()).isEqualTo(at.plus(Duration.ofMinutes(10)));
    }

    @Test
    void strictCodecStillReadsWhatTheCodecWrites() {
        assertThat(MessageCodec.strict().decode(MessageType.TASK_REQUESTED.id(), codec.encode(requested()))).isEqualTo(requested());
        assertThat(MessageCodec.strict().isStrict()).isTrue();
        assertThat(codec.isStrict()).isFalse();
    }

    @Test
    void strictCodecRefusesForgedFieldsAtEveryDepth() {
        String json = new String(codec.encode(requested()), StandardCharsets.UTF_8);
        List<String> forged = List.of(
                json.replaceFirst("\\{", "{\"privileged\":true,"),
                json.replace("\"workers\":{", "\"workers\":{\"mounts\":[{\"source\":\"/\",\"target\":\"/host\"}],"),
                json.replace("\"master\":{", "\"master\":{\"capAdd\":[\"SYS_ADMIN\"],"));
        for (String body : forged) {
            assertThatThrownBy(() -> MessageCodec.strict().decode(MessageType.TASK_REQUESTED.id(), body.getBytes(StandardCharsets.UTF_8)))
                    .as(body)
                    .isInstanceOf(UnreadableMessageException.class);
            assertThat(codec.decode(MessageType.TASK_REQUESTED.id(), body.getBytes(StandardCharsets.UTF_8))).isEqualTo(requested());
        }
    }

    @Test
    void strictCodecRefusesDuplicateKeysAndTrailingContent() {
        String json = new String(codec.encode(requested()), StandardCharsets.UTF_8);
        String duplicate = json.replace("\"image\":\"atq/demo-worker:1\"", "\"image\":\"atq/demo-worker:1\",\"image\":\"evil/miner:1\"");
        assertThatThrownBy(() -> MessageCodec.strict().decode(MessageType.TASK_REQUESTED.id(), duplicate.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnreadableMessageException.class).hasMessageContaining("image");
        assertThatThrownBy(() -> MessageCodec.strict().decode(MessageType.TASK_REQUESTED.id(), (json + "{}").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnreadableMessageException.class);
    }
}
