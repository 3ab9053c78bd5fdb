package io.atq.gateway.views;

import io.atq.contracts.messages.Evidence;
import io.atq.contracts.messages.Failure;
import io.atq.contracts.messages.MasterSpec;
import io.atq.contracts.messages.ResultsHeadline;
import io.atq.contracts.messages.TaskPhaseChanged;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.messages.TaskSpec;
import io.atq.contracts.messages.Threshold;
import io.atq.contracts.messages.ThresholdOutcome;
import io.atq.contracts.messages.WorkerSpec;
import io.atq.contracts.phase.FailureCause;
import io.atq.contracts.phase.Phase;
import io.atq.contracts.secrets.SecretArgs;
import io.atq.contracts.tasks.TaskId;
import io.atq.gateway.TestConfigs;
import io.atq.gateway.tasks.TaskState;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A task's view shows the thresholds it was submitted with (as a request gives them) and, once it ended, the headline
 * of its merged results with every threshold's outcome; the terminal event carries the headline too.
 */
class ResultsInViewsTest {
    static final TaskId ID = TaskId.parse("3f1e8a5c-1111-4222-8333-444455556666");
    static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final String SECRET = "s3cr3t-key-4711";
    static final Threshold P95 = new Threshold("p95", "*", 500.0, null);
    static final Threshold ERROR_RATE = new Threshold("errorRate", "*", 0.01, null);
    static final Threshold THROUGHPUT = new Threshold("throughput", "*", null, 100.0);
    static final Threshold CHECKOUT_P99 = new Threshold("p99", "checkout", 200.0, null);
    /** What a director reports for a run that breached two thresholds: throughput, and one it could not measure. */
    static final ResultsHeadline HEADLINE = new ResultsHeadline(1200, 3, 0.0025, 40.5,
            Map.of("min", 2.0, "mean", 14.2, "p50", 12.1, "p90", 30.2, "p95", 41.0, "p99", 80.5, "max", 120.0), 4,
            List.of("results/workers/2/k6.json: not JSON at line 3 near '" + SECRET + "'"),
            List.of(new ThresholdOutcome(P95, 41.0, true, "p95 of all samples below 500.0 ms: was 41.0 ms"),
                    new ThresholdOutcome(ERROR_RATE, 0.0025, true, "errorRate of all samples below 0.0100: was 0.0025"),
                    new ThresholdOutcome(THROUGHPUT, 40.5, false, "throughput of all samples above 100.0/s: was 40.5/s"),
                    new ThresholdOutcome(CHECKOUT_P99, null, false, "p99 of label 'checkout' below 200.0 ms: no sample has this label")));

    private final JsonMapper json = JsonMapper.builder().build();
    private final SecretArgs secrets = new SecretArgs(TestConfigs.load());

    @Test
    void theViewShowsTheRequestedThresholdsLatenciesAsDurations() {
        assertThat(render(running()).get("request").get("thresholds").toString()).isEqualTo("["
                + "{\"metric\":\"p95\",\"label\":\"*\",\"below\":\"PT0.5S\"},"
                + "{\"metric\":\"errorRate\",\"label\":\"*\",\"below\":0.01},"
                + "{\"metric\":\"throughput\",\"label\":\"*\",\"above\":100.0},"
                + "{\"metric\":\"p99\",\"label\":\"checkout\",\"below\":\"PT0.2S\"}]");
    }

    @Test
    void anEndedTasksViewCarriesTheHeadlineWithEveryOutcomeLatenciesInMilliseconds() {
        JsonNode results = render(ended(HEADLINE)).get("results");

        assertThat(results.toString()).isEqualTo("{\"samples\":1200,\"errors\":3,\"errorRate\":0.0025,\"throughput\":40.5,"
                + "\"latencyMs\":{\"max\":120.0,\"mean\":14.2,\"min\":2.0,\"p50\":12.1,\"p90\":30.2,\"p95\":41.0,\"p99\":80.5},"
                + "\"filesRead\":4,\"unreadable\":[\"results/workers/2/k6.json: not JSON at line 3 near '***'\"],"
                + "\"thresholds\":["
                + "{\"metric\":\"p95\",\"label\":\"*\",\"below\":500.0,\"measured\":41.0,\"passed\":true,"
                + "\"message\":\"p95 of all samples below 500.0 ms: was 41.0 ms\"},"
                + "{\"metric\":\"errorRate\",\"label\":\"*\",\"below\":0.01,\"measured\":0.0025,\"passed\":true,"
                + "\"message\":\"errorRate of all samples below 0.0100: was 0.0025\"},"
                + "{\"metric\":\"throughput\",\"label\":\"*\",\"above\":100.0,\"measured\":40.5,\"passed\":false,"
                + "\"message\":\"throughput of all samples above 100.0/s: was 40.5/s\"},"
                + "{\"metric\":\"p99\",\"label\":\"checkout\",\"below\":200.0,\"measured\":null,\"passed\":false,"
                + "\"message\":\"p99 of label 'checkout' below 200.0 ms: no sample has this label\"}]}");
    }

    @Test
    void theTerminalEventCarriesTheHeadlineAndEarlierEventsDoNot() {
        List<PhaseEventView> events = PhaseEventView.events(ended(HEADLINE), 0, secrets).stream().map(e -> e.data()).toList();

        assertThat(events.getLast().results()).isEqualTo(TaskView.of(ended(HEADLINE), secrets).results());
        assertThat(events.getLast().results().thresholds()).extracting(TaskView.ThresholdOutcomeView::passed)
                .containsExactly(true, true, false, false);
        assertThat(events.subList(0, events.size() - 1)).allSatisfy(event -> assertThat(event.results()).isNull());
    }

    @Test
    void beforeTheEndAndWithoutAHeadlineThereAreNoResults() {
        assertThat(render(running()).get("results").isNull()).as("running").isTrue();
        assertThat(render(ended(null)).get("results").isNull()).as("ended by a director that reported none").isTrue();
    }

    @Test
    void aHeadlineOnAMoveThatDoesNotEndTheTaskIsNotKept() {
        TaskState collecting = running().apply(new TaskPhaseChanged(ID, Phase.COLLECTING, T0.plusSeconds(8), "d1", List.of(),
                null, null, Map.of(), null, Map.of(), null, HEADLINE));

        assertThat(collecting.history().getLast().results()).isNull();
        assertThat(collecting.results()).isNull();
    }

    static TaskState running() {
        return TaskState.requested(new TaskRequested(ID, new TaskSpec("load",
                        new WorkerSpec("atq/demo-worker:1", 1, Map.of("MODE", "node"), 8080),
                        new MasterSpec("atq/demo-master:1", Map.of("MODE", "master", "API_KEY", SECRET)), Duration.ofMinutes(10),
                        Map.of(), null, null, List.of(P95, ERROR_RATE, THROUGHPUT, CHECKOUT_P99)), T0))
                .apply(TaskPhaseChanged.of(ID, Phase.PROVISIONING, T0.plusSeconds(1), "d1"))
                .apply(TaskPhaseChanged.of(ID, Phase.STARTING_WORKERS, T0.plusSeconds(2), "d1"))
                .apply(TaskPhaseChanged.of(ID, Phase.DISCOVERING, T0.plusSeconds(3), "d1"))
                .apply(TaskPhaseChanged.of(ID, Phase.STARTING_MASTER, T0.plusSeconds(4), "d1"))
                .apply(TaskPhaseChanged.of(ID, Phase.RUNNING, T0.plusSeconds(5), "d1"));
    }

    /** The run ended FAILED (cause TEST: thresholds breached though the master exited 0), reporting {@code headline}. */
    static TaskState ended(@Nullable ResultsHeadline headline) {
        return running().apply(new TaskPhaseChanged(ID, Phase.FAILED, T0.plusSeconds(9), "d1", List.of(), 0,
                Failure.of(FailureCause.TEST, "2 of 4 thresholds breached"), Map.of(), Evidence.COMPLETE, Map.of(), null, headline));
    }

    private JsonNode render(TaskState task) {
        return json.readTree(json.writeValueAsString(TaskView.of(task, secrets)));
    }
}
