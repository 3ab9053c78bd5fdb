package io.atq.systemtests;

import io.atq.systemtests.support.AtqClient;
import io.atq.systemtests.support.SystemTestBase;
import io.atq.systemtests.support.Takeovers;
import io.atq.testfixtures.AppProcess;
import io.atq.testfixtures.TaskRequests;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two gateways and three directors on one broker: tasks submitted to either gateway run on every director, are seen
 * and followed from both, wait QUEUED with a reason while every director is full, and survive the SIGKILL of one
 * gateway and one director mid-run. Directors take 2 tasks each and beat fast, so the takeover is quick.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutIT extends SystemTestBase {
    private static final List<String> FAST = List.of("--atq.director.reaper.interval=2s",
            "--atq.director.reaper.heartbeat=500ms", "--atq.director.reaper.lease=3s");

    ScaleOutIT() {
        super(2, 0, "", List.of());
    }

    @Test
    @Order(1)
    void aTaskBehindAFullDirectorSaysWhyItWaits() {
        String first = gateway.submit(TaskRequests.demoBody("scale-first", 2, "master", 15));
        assertThat(reason(allGateways.get(1), first)).isEqualTo("no director is running");

        AppProcess director = system.startDirector(with(FAST, "--atq.director.max-concurrent-tasks=1"));
        try {
            String second = allGateways.get(1).submit(TaskRequests.demoBody("scale-second", 2));
            String seen = awaitReason(gateway, second, "at capacity");
            System.out.printf("[scale-out] queued reason while the only director is full: %s%n", seen);
            assertThat(seen).isEqualTo("the only director is at capacity (1/1 tasks)");
            assertThat(reason(allGateways.get(1), second)).contains("at capacity");

            assertThat(gateway.awaitTerminal(first).get("phase").asString()).isEqualTo("SUCCEEDED");
            JsonNode ended = gateway.awaitTerminal(second);
            assertThat(ended.get("phase").asString()).isEqualTo("SUCCEEDED");
            assertThat(ended.get("queuedReason").isNull()).as("no reason once it left QUEUED").isTrue();
            gateway.awaitCleanedUp(first);
            gateway.awaitCleanedUp(second);
        } finally {
            director.close();
        }
    }

    @Test
    @Order(2)
    void twelveTasksOnTwoGatewaysRunOnEveryDirectorAndAreSeenFromBoth() throws Exception {
        List<String> names = new ArrayList<>();
        system.startDirectors(3, with(FAST, "--atq.director.max-concurrent-tasks=2")).forEach(director -> names.add(director.name()));
        Map<String, Future<List<JsonNode>>> followed = new LinkedHashMap<>();
        Set<String> reasons = new HashSet<>();
        try (ExecutorService followers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 12; i++) {
                AtqClient accepting = allGateways.get(i % 2);
                AtqClient other = allGateways.get((i + 1) % 2);
                String id = accepting.submit(TaskRequests.demoBody("scale-" + i, 2, "master", 2));
                // Followed from the gateway that did not accept it: it knows the task from the log stream only.
                followed.put(id, followers.submit(() -> awaitKnown(other, id).followEvents(id, Duration.ofMinutes(4))));
            }
            // Every QUEUED task, whenever looked at, says why it waits.
            Instant until = Instant.now().plusSeconds(20);
            while (Instant.now().isBefore(until) && !queued(gateway).isEmpty()) {
                for (JsonNode task : queued(allGateways.get(1))) {
                    String reason = task.get("queuedReason").asString();
                    assertThat(reason).as("reason of queued %s", task.get("id")).isNotBlank();
                    reasons.add(reason);
                }
                AppProcess.sleep(300);
            }
            Set<String> ranOn = new HashSet<>();
            for (Map.Entry<String, Future<List<JsonNode>>> entry : followed.entrySet()) {
                List<JsonNode> events = entry.getValue().get();
                assertThat(events.getLast().get("phase").asString()).as("last event of %s", entry.getKey()).isEqualTo("SUCCEEDED");
                for (AtqClient client : allGateways) {
                    JsonNode view = client.awaitTerminal(entry.getKey());
                    assertThat(view.get("phase").asString()).isEqualTo("SUCCEEDED");
                    ranOn.add(view.get("director").asString());
                }
                gateway.awaitCleanedUp(entry.getKey());
            }
            System.out.printf("[scale-out] 12 tasks SUCCEEDED on %s; queued reasons seen: %s%n", ranOn, reasons);
            assertThat(ranOn).containsExactlyInAnyOrderElementsOf(names);
        }
    }

    @Test
    @Order(3)
    void killingAGatewayAndADirectorMidRunLosesNoAcceptedTask() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(allGateways.get(i % 2).submit(TaskRequests.demoBody("scale-kill-" + i, 2, "master", 15)));
        }
        AtqClient survivor = gateway;
        JsonNode running = awaitAnyRunning(survivor, ids);
        String victimName = running.get("director").asString();
        AppProcess victim = system.directors().stream().filter(d -> d.name().equals(victimName)).findFirst().orElseThrow();
        allGateways.get(1).process().kill();
        victim.kill();
        System.out.printf("[scale-out] killed %s and %s while %s ran%n", allGateways.get(1).process().name(), victimName,
                running.get("id").asString());

        for (String id : ids) {
            JsonNode end = survivor.awaitPhase(id, AtqClient.TERMINAL, Duration.ofMinutes(4));
            String phase = end.get("phase").asString();
            System.out.printf("[scale-out] %s: %s by %s%n", id, phase, end.get("director").asString());
            if (!phase.equals("SUCCEEDED")) {
                // Only the killed director's tasks may end otherwise, and then cleanly, naming it.
                assertThat(end.get("failure").get("message").asString()).contains(victimName);
            }
            survivor.awaitCleanedUp(id);
        }
        assertThat(survivor.task(running.get("id").asString()).get("phase").asString())
                .as("a running master is awaited by the takeover").isEqualTo("SUCCEEDED");
        assertThat(Takeovers.awaitNoLeaks(system)).as("leaks: %s", system.leaks()).isTrue();
    }

    private static List<String> with(List<String> base, String extra) {
        List<String> args = new ArrayList<>(base);
        args.add(extra);
        return args;
    }

    private static String reason(AtqClient client, String id) {
        JsonNode view = awaitKnown(client, id).task(id);
        assertThat(view.get("phase").asString()).isEqualTo("QUEUED");
        return view.get("queuedReason").asString();
    }

    /** The gateway that did not accept a task learns it from the log stream, a moment later. */
    private static AtqClient awaitKnown(AtqClient client, String id) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (client.get("/v1/tasks/" + id).status() != 200) {
            assertThat(Instant.now()).as("%s never heard of %s", client.process().name(), id).isBefore(deadline);
            AppProcess.sleep(100);
        }
        return client;
    }

    private static String awaitReason(AtqClient client, String id, String part) {
        Instant deadline = Instant.now().plusSeconds(60);
        String last = null;
        while (Instant.now().isBefore(deadline)) {
            last = reason(client, id);
            if (last != null && last.contains(part)) {
                return last;
            }
            AppProcess.sleep(200);
        }
        throw new AssertionError("queued reason of " + id + " never contained '" + part + "'; last: " + last);
    }

    private static List<JsonNode> queued(AtqClient client) {
        List<JsonNode> tasks = new ArrayList<>();
        client.listAll("phase=QUEUED").forEach(tasks::add);
        return tasks;
    }

    private static JsonNode awaitAnyRunning(AtqClient client, List<String> ids) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            for (String id : ids) {
                JsonNode view = client.task(id);
                if (view.get("phase").asString().equals("RUNNING")) {
                    return view;
                }
            }
            AppProcess.sleep(200);
        }
        throw new AssertionError("no task reached RUNNING");
    }

}
