package io.atq.gateway.views;

import io.atq.contracts.messages.Failure;
import io.atq.contracts.messages.MasterSpec;
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

/** Views and events show secret args as {@code ***}, CI labels as given and the images each role ran. */
class SecretArgsInViewsTest {
    private static final TaskId ID = TaskId.parse("3f1e8a5c-1111-4222-8333-444455556666");
    private static final String SECRET = "s3cr3t-key-4711";
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private final JsonMapper json = JsonMapper.builder().build();
    private final SecretArgs secrets = new SecretArgs(TestConfigs.load());

    @Test
    void masksSecretArgsOfWorkersAndMasterAndKeepsTheOthers() {
        JsonNode request = render(task()).get("request");
        assertThat(request.get("workers").get("args").toString()).isEqualTo("{\"API_KEY\":\"***\",\"MODE\":\"node\"}");
        assertThat(request.get("master").get("args").toString()).isEqualTo("{\"API_KEY\":\"***\",\"MODE\":\"master\"}");
    }

    @Test
    void scrubsSecretValuesFromFailureMessagesOfViewsAndEvents() {
        TaskState failed = task().apply(new TaskPhaseChanged(ID, Phase.FAILED, T0.plusSeconds(1), "d1", List.of(), null,
                Failure.of(FailureCause.INFRA, "container said: bad key " + SECRET)));
        assertThat(render(failed).get("failure").get("message").asString()).isEqualTo("container said: bad key ***");
        PhaseEventView event = PhaseEventView.events(failed, 0, secrets).get(1).data();
        assertThat(event.failure().message()).isEqualTo("container said: bad key ***");
        assertThat(json.writeValueAsString(event)).doesNotContain(SECRET);
    }

    @Test
    void nothingRenderedContainsTheSecretValue() {
        TaskState task = task();
        assertThat(json.writeValueAsString(TaskView.of(task, secrets))).doesNotContain(SECRET).contains("***");
        assertThat(json.writeValueAsString(PhaseEventView.events(task, 0, secrets))).doesNotContain(SECRET);
    }

    @Test
    void showsLabelsSortedByKey() {
        assertThat(render(task()).get("labels").toString())
                .isEqualTo("{\"branch\":\"main\",\"commit\":\"1a2b3c\",\"pipeline\":\"https://ci.example/p/7\"}");
    }

    @Test
    void showsTheImagesEachRoleRanMergedOverTheHistory() {
        TaskState task = task()
                .apply(TaskPhaseChanged.of(ID, Phase.PROVISIONING, T0.plusSeconds(1), "d1"))
                .apply(new TaskPhaseChanged(ID, Phase.STARTING_WORKERS, T0.plusSeconds(2), "d1", List.of(), null, null,
                        Map.of("worker", "sha256:aaa")))
                .apply(TaskPhaseChanged.of(ID, Phase.DISCOVERING, T0.plusSeconds(3), "d1"))
                .apply(new TaskPhaseChanged(ID, Phase.STARTING_MASTER, T0.plusSeconds(4), "d1", List.of("10.0.0.2"), null, null,
                        Map.of("worker", "sha256:aaa", "master", "sha256:bbb")));
        assertThat(render(task).get("images").toString()).isEqualTo("{\"master\":\"sha256:bbb\",\"worker\":\"sha256:aaa\"}");
        List<PhaseEventView> events = PhaseEventView.events(task, 0, secrets).stream().map(e -> e.data()).toList();
        assertThat(events.get(2).images()).isEqualTo(Map.of("worker", "sha256:aaa"));
        assertThat(events.get(3).images()).isEmpty();
    }

    private TaskState task() {
        Map<String, String> labels = new java.util.LinkedHashMap<>();
        labels.put("pipeline", "https://ci.example/p/7");
        labels.put("commit", "1a2b3c");
        labels.put("branch", "main");
        return TaskState.requested(new TaskRequested(ID, new TaskSpec("load",
                new WorkerSpec("atq/demo-worker:1", 2, Map.of("MODE", "node", "API_KEY", SECRET), 8080),
                new MasterSpec("atq/demo-master:1", Map.of("MODE", "master", "API_KEY", SECRET)), Duration.ofMinutes(10),
                labels, null, null), T0));
    }

    private JsonNode render(TaskState task) {
        return json.readTree(json.writeValueAsString(TaskView.of(task, secrets)));
    }
}
