package io.atq.gateway.views;

import io.atq.contracts.messages.Evidence;
import io.atq.contracts.messages.MasterSpec;
import io.atq.contracts.messages.ResultSummary;
import io.atq.contracts.messages.TaskPhaseChanged;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.messages.TaskSpec;
import io.atq.contracts.messages.WorkerSpec;
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

/**
 * A task's view and its terminal event say whether its evidence was kept whole, and carry the master's result summary;
 * the verdict stays the master's.
 */
class EvidenceInViewsTest {
    private static final TaskId ID = TaskId.parse("3f1e8a5c-1111-4222-8333-444455556666");
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private final JsonMapper json = JsonMapper.builder().build();
    private final SecretArgs secrets = new SecretArgs(TestConfigs.load());

    @Test
    void aSucceededTaskWhoseLogsCouldNotBeWrittenSaysWhatIsMissing() {
        Evidence lost = new Evidence(false, List.of("master.log: cannot write: No space left on device (12 lines not written)",
                "workers/worker-1.log: cannot write: No space left on device"));
        TaskState task = running().apply(ended(Phase.SUCCEEDED, lost));

        JsonNode view = render(task);

        assertThat(view.get("phase").asString()).isEqualTo("SUCCEEDED");
        assertThat(view.get("evidence").toString()).isEqualTo("{\"complete\":false,\"problems\":["
                + "\"master.log: cannot write: No space left on device (12 lines not written)\","
                + "\"workers/worker-1.log: cannot write: No space left on device\"]}");
    }

    @Test
    void theTerminalEventCarriesTheEvidenceAndEarlierEventsDoNot() {
        Evidence cut = new Evidence(false, List.of("master.log: truncated at 8388608 bytes, 100 bytes in 2 lines left out"));
        TaskState task = running().apply(ended(Phase.SUCCEEDED, cut));

        List<PhaseEventView> events = PhaseEventView.events(task, 0, secrets).stream().map(e -> e.data()).toList();

        assertThat(events.getLast().evidence()).isEqualTo(new TaskView.EvidenceView(false, cut.problems()));
        assertThat(events.subList(0, events.size() - 1)).allSatisfy(event -> assertThat(event.evidence()).isNull());
    }

    @Test
    void aRunningTaskAndATaskEndedByAnOlderDirectorShowNoEvidence() {
        assertThat(render(running()).get("evidence").isNull()).isTrue();
        TaskState old = running().apply(ended(Phase.SUCCEEDED, null));
        assertThat(render(old).get("evidence").isNull()).isTrue();
    }

    @Test
    void completeEvidenceShowsNoProblems() {
        TaskState task = running().apply(ended(Phase.FAILED, Evidence.COMPLETE));
        assertThat(render(task).get("evidence").toString()).isEqualTo("{\"complete\":true,\"problems\":[]}");
    }

    @Test
    void theMastersSummaryShowsInTheViewAndOnTheTerminalEventOnly() {
        ResultSummary summary = new ResultSummary(40L, 1L, 8.5, Map.of("p50", 2.0, "p99", 9.5), Map.of("workers_reached", 3.0));
        TaskState task = running().apply(new TaskPhaseChanged(ID, Phase.SUCCEEDED, T0.plusSeconds(9), "d1", List.of(), 0, null,
                Map.of(), Evidence.COMPLETE, Map.of(), summary));

        assertThat(render(task).get("summary").toString()).isEqualTo("{\"samples\":40,\"errors\":1,\"throughput\":8.5,"
                + "\"latencyMs\":{\"p50\":2.0,\"p99\":9.5},\"metrics\":{\"workers_reached\":3.0}}");
        List<PhaseEventView> events = PhaseEventView.events(task, 0, secrets).stream().map(e -> e.data()).toList();
        assertThat(events.getLast().summary()).isEqualTo(new TaskView.SummaryView(40L, 1L, 8.5, summary.latencyMs(), summary.metrics()));
        assertThat(events.subList(0, events.size() - 1)).allSatisfy(event -> assertThat(event.summary()).isNull());
        assertThat(render(running()).get("summary").isNull()).as("before the end").isTrue();
    }

    private static TaskPhaseChanged ended(Phase phase, Evidence evidence) {
        return new TaskPhaseChanged(ID, phase, T0.plusSeconds(9), "d1", List.of(), 0, null, Map.of(), evidence);
    }

    private static TaskState running() {
        return TaskState.requested(new TaskRequested(ID, new TaskSpec("load",
                        new WorkerSpec("atq/demo-worker:1", 1, Map.of("MODE", "node"), 8080),
                        new MasterSpec("atq/demo-master:1", Map.of("MODE", "master")), Duration.ofMinutes(10)), T0))
                .apply(TaskPhaseChanged.of(ID, Phase.PROVISIONING, T0.plusSeconds(1), "d1"))
                .apply(TaskPhaseChanged.of(ID, Phase.STARTING_WORKERS, T0.plusSeconds(2), "d1"))
                .apply(TaskPhaseChanged.of(ID, Phase.DISCOVERING, T0.plusSeconds(3), "d1"))
                .apply(TaskPhaseChanged.of(ID, Phase.STARTING_MASTER, T0.plusSeconds(4), "d1"))
                .apply(TaskPhaseChanged.of(ID, Phase.RUNNING, T0.plusSeconds(5), "d1"))
                .apply(TaskPhaseChanged.of(ID, Phase.COLLECTING, T0.plusSeconds(8), "d1"));
    }

    private JsonNode render(TaskState task) {
        return json.readTree(json.writeValueAsString(TaskView.of(task, secrets)));
    }
}
