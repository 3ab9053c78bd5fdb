package io.atq.systemtests;

import io.atq.systemtests.support.AtqClient;
import io.atq.systemtests.support.SystemTestBase;
import io.atq.testfixtures.TaskRequests;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** One gateway and two directors, as separate processes, on a real broker and the real swarm. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TaskLifecycleIT extends SystemTestBase {
    private static final List<String> HAPPY_PATH = List.of("QUEUED", "PROVISIONING", "STARTING_WORKERS", "DISCOVERING",
            "STARTING_MASTER", "RUNNING", "COLLECTING", "SUCCEEDED");

    private final List<String> submitted = new ArrayList<>();

    private static List<String> phases(JsonNode view) {
        List<String> phases = new ArrayList<>();
        view.get("history").forEach(entry -> phases.add(entry.get("phase").asString()));
        return phases;
    }

    TaskLifecycleIT() {
        super(2);
    }

    @Test
    @Order(1)
    void threeWorkerTaskSucceedsAndTheMasterReachedEveryWorker() throws Exception {
        String id = gateway.submit(TaskRequests.demoBody("three-workers", 3));
        submitted.add(id);

        JsonNode view = gateway.awaitTerminal(id);

        assertThat(view.get("phase").asString()).isEqualTo("SUCCEEDED");
        assertThat(view.get("exitCode").asInt()).isZero();
        assertThat(phases(view)).containsExactlyElementsOf(HAPPY_PATH);
        assertThat(view.get("workers").get("addresses")).hasSize(3);
        String log = gateway.get("/v1/tasks/" + id + "/logs").body();
        assertThat(log.lines().filter(line -> line.startsWith("reached "))).hasSize(3);
        view.get("workers").get("addresses").forEach(address -> assertThat(log).contains("reached " + address.asString()));
        assertThat(Files.readString(system.sharedPath().resolve(Path.of("tasks", id, "results", "result.txt")))).contains("reached=3");
        // The demo master's results/summary.json, read by the director: one sample per reached worker, none failed.
        JsonNode summary = view.get("summary");
        assertThat(summary.get("samples").asLong()).as("summary %s", summary).isEqualTo(3);
        assertThat(summary.get("errors").asLong()).isZero();
        assertThat(summary.get("metrics").get("workers_reached").asDouble()).isEqualTo(3.0);
        assertThat(summary.get("latencyMs").propertyNames()).containsExactly("max", "p50", "p90", "p99");
        assertThat(view.get("evidence").get("complete").asBoolean()).as("evidence %s", view.get("evidence")).isTrue();

        JsonNode cleaned = gateway.awaitCleanedUp(id);
        assertThat(cleaned.get("cleanup").get("at").asString()).isNotBlank();
        assertThat(system.leaks().services()).noneMatch(name -> name.contains(id));
    }

    @Test
    @Order(2)
    void failingMasterEndsFailedWithCauseTestAndItsExitCode() {
        String id = gateway.submit(TaskRequests.demoBody("failing-master", 2, "fail", null));
        submitted.add(id);

        JsonNode view = gateway.awaitTerminal(id);

        assertThat(view.get("phase").asString()).isEqualTo("FAILED");
        assertThat(view.get("failure").get("cause").asString()).isEqualTo("TEST");
        assertThat(view.get("exitCode").asInt()).isEqualTo(3);
        assertThat(phases(view)).containsExactly("QUEUED", "PROVISIONING", "STARTING_WORKERS", "DISCOVERING",
                "STARTING_MASTER", "RUNNING", "COLLECTING", "FAILED");
        gateway.awaitCleanedUp(id);
    }

    @Test
    @Order(3)
    void eventStreamRelaysEveryPhaseInOrderThenCloses() {
        String id = gateway.submit(TaskRequests.demoBody("followed", 1));
        submitted.add(id);

        List<JsonNode> events = gateway.followEvents(id, Duration.ofMinutes(3));

        assertThat(events).extracting(event -> event.get("phase").asString()).containsExactlyElementsOf(HAPPY_PATH);
        gateway.awaitCleanedUp(id);
    }

    @Test
    @Order(4)
    void fiveTasksAtOnceAllSucceed() {
        List<CompletableFuture<String>> submissions = IntStream.range(0, 5)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> gateway.submit(TaskRequests.demoBody("parallel-" + i, 3))))
                .toList();
        List<String> ids = submissions.stream().map(CompletableFuture::join).toList();
        submitted.addAll(ids);

        for (String id : ids) {
            JsonNode view = gateway.awaitTerminal(id);
            assertThat(view.get("phase").asString()).as("task %s: %s", id, view).isEqualTo("SUCCEEDED");
        }
        ids.forEach(gateway::awaitCleanedUp);
    }

    @Test
    @Order(5)
    void aGatewayStartedLaterAnswersForEveryEarlierTask() {
        assertThat(submitted).hasSizeGreaterThanOrEqualTo(8);
        AtqClient late = system.startGateway();

        for (String id : submitted) {
            JsonNode original = gateway.task(id);
            JsonNode replayed = late.awaitPhase(id, AtqClient.TERMINAL, Duration.ofSeconds(30));
            assertThat(replayed.get("phase")).isEqualTo(original.get("phase"));
            assertThat(phases(replayed)).isEqualTo(phases(original));
            assertThat(replayed.get("cleanup").get("done").asBoolean()).isTrue();
        }
        assertThat(late.listAll("")).hasSizeGreaterThanOrEqualTo(submitted.size());
    }

    @Test
    @Order(6)
    void nothingOfThisInstanceIsLeftOnTheSwarm() {
        assertThat(system.leaks().isEmpty()).as("leaks: %s", system.leaks()).isTrue();
    }
}
