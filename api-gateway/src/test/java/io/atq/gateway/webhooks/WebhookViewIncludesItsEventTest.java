package io.atq.gateway.webhooks;

import io.atq.contracts.messages.Callback;
import io.atq.contracts.messages.CallbackEvents;
import io.atq.contracts.messages.MasterSpec;
import io.atq.contracts.messages.ResultsHeadline;
import io.atq.contracts.messages.TaskMessage;
import io.atq.contracts.messages.TaskPhaseChanged;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.messages.TaskSpec;
import io.atq.contracts.messages.Threshold;
import io.atq.contracts.messages.ThresholdOutcome;
import io.atq.contracts.messages.WorkerSpec;
import io.atq.contracts.phase.Phase;
import io.atq.contracts.secrets.SecretArgs;
import io.atq.contracts.tasks.TaskId;
import io.atq.gateway.TestConfigs;
import io.atq.gateway.tasks.TaskBook;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.atq.contracts.phase.Phase.COLLECTING;
import static io.atq.contracts.phase.Phase.DISCOVERING;
import static io.atq.contracts.phase.Phase.PROVISIONING;
import static io.atq.contracts.phase.Phase.RUNNING;
import static io.atq.contracts.phase.Phase.STARTING_MASTER;
import static io.atq.contracts.phase.Phase.STARTING_WORKERS;
import static io.atq.contracts.phase.Phase.SUCCEEDED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read model that builds a webhook's view is fed by another consumer than the webhook queue, so it may lag the
 * event: the decision never delivers a view behind its event, and numbers the event as the SSE stream does.
 */
class WebhookViewIncludesItsEventTest {
    private static final TaskId TASK = TaskId.parse("4d1f0000-0000-4000-8000-000000000001");
    private static final Instant T0 = Instant.parse("2026-11-29T11:00:00Z");
    private static final List<Phase> HAPPY_PATH = List.of(PROVISIONING, STARTING_WORKERS, DISCOVERING, STARTING_MASTER,
            RUNNING, COLLECTING, SUCCEEDED);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final TaskBook book = new TaskBook(100);
    private final DeliveryLedger ledger = new DeliveryLedger();
    private final WebhookEvents events = new WebhookEvents(book, ledger, new SecretArgs(TestConfigs.load()));
    private final TaskRequested request = new TaskRequested(TASK, new TaskSpec("t",
            new WorkerSpec("atq/demo-worker:1", 1, Map.of("MODE", "node"), 8080), new MasterSpec("atq/demo-master:1", Map.of("MODE", "master")),
            Duration.ofMinutes(5), Map.of(), null, new Callback("https://hooks.example.test/atq", CallbackEvents.ALL)),
            T0, "team-a", "s1", null, null);

    private void read(TaskMessage message) {
        book.apply(message);
        ledger.apply(message);
    }

    private static TaskPhaseChanged moved(Phase phase) {
        return TaskPhaseChanged.of(TASK, phase, T0.plusSeconds(HAPPY_PATH.indexOf(phase) + 1), "d1");
    }

    /** The read model has read the request and the happy path up to (and with) {@code upTo}. */
    private void readUpTo(Phase upTo) {
        read(request);
        for (Phase phase : HAPPY_PATH.subList(0, HAPPY_PATH.indexOf(upTo) + 1)) {
            read(moved(phase));
        }
    }

    private static JsonNode data(WebhookEvents.Decision decision) {
        assertThat(decision).isInstanceOf(WebhookEvents.Decision.Deliver.class);
        return JSON.readTree(((WebhookEvents.Decision.Deliver) decision).job().body()).get("data");
    }

    @Test
    void anEventTheReadModelHasNotAppliedYetIsAskedAgainNotDeliveredBehind() {
        readUpTo(COLLECTING);

        WebhookEvents.Decision decision = events.decide(moved(SUCCEEDED));

        assertThat(decision).isInstanceOf(WebhookEvents.Decision.Unknown.class);
        assertThat(((WebhookEvents.Decision.Unknown) decision).why()).contains("COLLECTING", "SUCCEEDED");
    }

    @Test
    void anEventSeveralPhasesAheadOfTheReadModelIsAskedAgainToo() {
        readUpTo(PROVISIONING);

        assertThat(events.decide(moved(RUNNING))).isInstanceOf(WebhookEvents.Decision.Unknown.class);
    }

    @Test
    void onceAppliedTheEventIsDeliveredWithAViewThatHasIt() {
        readUpTo(COLLECTING);
        read(moved(SUCCEEDED));

        JsonNode data = data(events.decide(moved(SUCCEEDED)));

        assertThat(data.get("phase").asString()).isEqualTo("SUCCEEDED");
        assertThat(data.get("task").get("phase").asString()).isEqualTo("SUCCEEDED");
        assertThat(data.get("sequence").asInt()).isEqualTo(7);
    }

    @Test
    void theTerminalDeliveryCarriesTheMergedResultsWithEveryThresholdsOutcome() {
        Threshold p95 = new Threshold("p95", "*", 500.0, null);
        TaskPhaseChanged ended = new TaskPhaseChanged(TASK, SUCCEEDED, T0.plusSeconds(7), "d1", List.of(), 0, null, Map.of(),
                null, Map.of(), null, new ResultsHeadline(120, 0, 0.0, 12.5, Map.of("p95", 41.0), 2, List.of(),
                List.of(new ThresholdOutcome(p95, 41.0, true, "p95 of all samples below 500.0 ms: was 41.0 ms"))));
        readUpTo(COLLECTING);
        read(ended);

        JsonNode results = data(events.decide(ended)).get("task").get("results");

        assertThat(results.get("samples").asLong()).isEqualTo(120);
        assertThat(results.get("latencyMs").toString()).isEqualTo("{\"p95\":41.0}");
        assertThat(results.get("thresholds").toString()).isEqualTo("[{\"metric\":\"p95\",\"label\":\"*\",\"below\":500.0,"
                + "\"measured\":41.0,\"passed\":true,\"message\":\"p95 of all samples below 500.0 ms: was 41.0 ms\"}]");
        assertThat(data(events.decide(moved(RUNNING))).get("task").get("results").get("samples").asLong())
                .as("an earlier phase's delivery built after the end carries the ended view").isEqualTo(120);
    }

    @Test
    void aViewPastTheEventIsDeliveredAndTheSequenceIsThePhasesHistoryIndex() {
        readUpTo(SUCCEEDED);

        for (Phase phase : HAPPY_PATH) {
            JsonNode data = data(events.decide(moved(phase)));
            assertThat(data.get("task").get("phase").asString()).isEqualTo("SUCCEEDED");
            // The SSE event id of a phase is its history index: QUEUED 0, PROVISIONING 1, …
            assertThat(data.get("sequence").asInt()).as("%s", phase).isEqualTo(HAPPY_PATH.indexOf(phase) + 1);
            assertThat(data.get("at").asString()).isEqualTo(moved(phase).at().toString());
        }
        assertThat(data(events.decide(request)).get("sequence").asInt()).isZero();
    }

    @Test
    void anEventNoHistoryOfTheTaskCanHoldIsSkippedNotAwaited() {
        readUpTo(RUNNING);
        read(TaskPhaseChanged.of(TASK, Phase.CANCELLED, T0.plusSeconds(30), "d1"));

        // The read model refused SUCCEEDED after CANCELLED: waiting for it would only use up the redeliveries.
        WebhookEvents.Decision decision = events.decide(moved(SUCCEEDED));

        assertThat(decision).isInstanceOf(WebhookEvents.Decision.Skip.class);
        assertThat(((WebhookEvents.Decision.Skip) decision).why()).contains("SUCCEEDED", "CANCELLED");
    }

    @Test
    void reachabilityFollowsTheTransitionTable() {
        assertThat(WebhookEvents.canStillReach(Phase.QUEUED, SUCCEEDED)).isTrue();
        assertThat(WebhookEvents.canStillReach(COLLECTING, Phase.FAILED)).isTrue();
        assertThat(WebhookEvents.canStillReach(COLLECTING, RUNNING)).isFalse();
        assertThat(WebhookEvents.canStillReach(RUNNING, RUNNING)).isFalse();
        assertThat(WebhookEvents.canStillReach(Phase.FAILED, SUCCEEDED)).isFalse();
    }
}
