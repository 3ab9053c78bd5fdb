package io.atq.gateway.views;

import io.atq.contracts.messages.CancelTask;
import io.atq.contracts.messages.Failure;
import io.atq.contracts.messages.MasterSpec;
import io.atq.contracts.messages.TaskCleanedUp;
import io.atq.contracts.messages.TaskPhaseChanged;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.messages.TaskSpec;
import io.atq.contracts.messages.WorkerSpec;
import io.atq.contracts.phase.FailureCause;
import io.atq.contracts.phase.Phase;
import io.atq.contracts.secrets.SecretArgs;
import io.atq.contracts.tasks.TaskId;
import io.atq.gateway.TestConfigs;
import io.atq.gateway.tasks.TaskState;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The v1 JSON of a task. */
class TaskViewTest {
    private static final TaskId ID = TaskId.parse("3f1e8a5c-1111-4222-8333-444455556666");
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void rendersAQueuedTaskWithEveryFieldPresent() {
        JsonNode view = render(queued());
        assertThat(view.propertyNames()).containsExactly("id", "name", "phase", "labels", "createdAt", "updatedAt", "request",
                "workers", "images", "exitCode", "failure", "cleanup", "cancelRequested", "director", "history", "queuedReason",
                "evidence", "nodes", "summary", "results", "client");
        assertThat(view.get("nodes").toString()).isEqualTo("{}");
        assertThat(view.get("labels").toString()).isEqualTo("{}");
        assertThat(view.get("images").toString()).isEqualTo("{}");
        assertThat(view.get("phase").asString()).isEqualTo("QUEUED");
        assertThat(view.get("createdAt").asString()).isEqualTo("2026-01-01T10:00:00Z");
        assertThat(view.get("exitCode").isNull()).isTrue();
        assertThat(view.get("failure").isNull()).isTrue();
        assertThat(view.get("cleanup").toString()).isEqualTo("{\"done\":false,\"at\":null}");
        assertThat(view.get("workers").toString()).isEqualTo("{\"replicas\":3,\"addresses\":[]}");
        assertThat(view.get("history").toString()).isEqualTo("[{\"phase\":\"QUEUED\",\"at\":\"2026-01-01T10:00:00Z\"}]");
    }

    @Test
    void rendersTheRequestAsSubmittedWithArgsInNameOrder() {
        assertThat(render(queued()).get("request").toString()).isEqualTo("""
                {"workers":{"image":"atq/demo-worker:1","replicas":3,"args":{"A":"1","MODE":"node"},"port":8080},\
                "master":{"image":"atq/demo-master:1","args":{"MODE":"master"}},"timeout":"PT10M","thresholds":[]}""");
    }

    @Test
    void rendersAnEndedTaskWithItsOutcome() {
        TaskState task = queued()
                .apply(TaskPhaseChanged.of(ID, Phase.PROVISIONING, T0.plusSeconds(1), "d1"))
                .apply(new CancelTask(ID, T0.plusSeconds(2)))
                .apply(new TaskPhaseChanged(ID, Phase.FAILED, T0.plusSeconds(3), "d1", List.of("10.0.0.5"), 2,
                        Failure.of(FailureCause.TEST, "master exited 2")))
                .apply(new TaskCleanedUp(ID, T0.plusSeconds(4), "d1", true, null));
        JsonNode view = render(task);
        assertThat(view.get("phase").asString()).isEqualTo("FAILED");
        assertThat(view.get("updatedAt").asString()).isEqualTo("2026-01-01T10:00:04Z");
        assertThat(view.get("exitCode").asInt()).isEqualTo(2);
        assertThat(view.get("failure").toString()).isEqualTo("{\"cause\":\"TEST\",\"message\":\"master exited 2\"}");
        assertThat(view.get("workers").get("addresses").toString()).isEqualTo("[\"10.0.0.5\"]");
        assertThat(view.get("cleanup").get("done").asBoolean()).isTrue();
        assertThat(view.get("cancelRequested").asBoolean()).isTrue();
        assertThat(view.get("director").asString()).isEqualTo("d1");
        assertThat(view.get("history")).hasSize(3);
    }

    @Test
    void showsTheNodeOfEveryContainerAsTheMovesReportedThem() {
        TaskState task = queued()
                .apply(TaskPhaseChanged.of(ID, Phase.PROVISIONING, T0, "d1"))
                .apply(TaskPhaseChanged.of(ID, Phase.STARTING_WORKERS, T0, "d1"))
                .apply(TaskPhaseChanged.of(ID, Phase.DISCOVERING, T0, "d1"))
                .apply(new TaskPhaseChanged(ID, Phase.STARTING_MASTER, T0.plusSeconds(1), "d1", List.of("10.0.0.5"), null, null,
                        Map.of(), null, Map.of("worker-2", "node2", "worker-1", "node1")))
                .apply(new TaskPhaseChanged(ID, Phase.RUNNING, T0.plusSeconds(2), "d1", List.of("10.0.0.5"), null, null,
                        Map.of(), null, Map.of("worker-2", "node2", "worker-1", "node1", "master", "node3")));

        assertThat(render(task).get("nodes").toString()).isEqualTo("{\"master\":\"node3\",\"worker-1\":\"node1\",\"worker-2\":\"node2\"}");
    }

    @Test
    void showsWhyATaskWaitsOnlyWhileItIsQueued() {
        String reason = "all 3 directors at capacity (4/4 tasks each)";
        assertThat(json.valueToTree(TaskView.of(queued(), new SecretArgs(TestConfigs.load()), reason)).get("queuedReason").asString()).isEqualTo(reason);
        TaskState provisioning = queued().apply(TaskPhaseChanged.of(ID, Phase.PROVISIONING, T0.plusSeconds(1), "d1"));
        assertThat(json.valueToTree(TaskView.of(provisioning, new SecretArgs(TestConfigs.load()), reason)).get("queuedReason").isNull()).isTrue();
        assertThat(render(queued()).get("queuedReason").isNull()).isTrue();
    }

    private static TaskState queued() {
        return TaskState.requested(new TaskRequested(ID, new TaskSpec("load",
                new WorkerSpec("atq/demo-worker:1", 3, Map.of("MODE", "node", "A", "1"), 8080),
                new MasterSpec("atq/demo-master:1", Map.of("MODE", "master")), Duration.ofMinutes(10)), T0));
    }

    private JsonNode render(TaskState task) {
        return json.readTree(json.writeValueAsString(TaskView.of(task, new SecretArgs(TestConfigs.load()))));
    }
}
