package io.atq.systemtests;

import io.atq.systemtests.support.AtqClient;
import io.atq.systemtests.support.TestSystem;
import io.atq.testfixtures.AppProcess;
import io.atq.testfixtures.TaskRequests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Docker engine restarts while three masters run (then started again the way {@code compose/dev} starts it): it
 * was not ATQ that stopped them, so every task ends {@code FAILED}/{@code INFRA} (not the test's fault, and never
 * {@code SUCCEEDED}), each master log holds what Docker could still give and no error frame of the engine, and nothing
 * is left behind.
 * The broker is a vhost of this machine's RabbitMQ: a broker container would go down with the engine.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EngineRestartIT {
    private TestSystem system;
    private AtqClient gateway;

    @BeforeAll
    void startOnTheHostBroker() {
        system = new TestSystem("");
        gateway = system.startGateway();
        system.startDirector();
    }

    @AfterAll
    void stop() {
        if (system != null) {
            system.close(); // fails the class if any Swarm object of its instance is left
        }
    }

    /**
     * dockerd killed (a crash): the containers outlive it, and the restarted engine stops them, so each master gets
     * SIGTERM, writes its partial results and exits 143. What it printed while no engine read its output never reached
     * Docker's log (nothing of ATQ's can get it back); the task's log holds everything Docker has.
     */
    @Test
    void mastersKilledByAnEngineCrashAndRestartFailAsInfrastructure() throws Exception {
        for (JsonNode end : runThreeAndRestart("KILL")) {
            assertThat(end.get("exitCode").asInt()).as("%s", end).isEqualTo(143);
            assertThat(end.get("failure").get("message").asString()).contains("exit 143");
            Path result = system.sharedPath().resolve("tasks").resolve(end.get("id").asString()).resolve("results/result.txt");
            assertThat(Files.readString(result)).as("the master's partial results").contains("status=terminated");
        }
    }

    /**
     * dockerd stopped as a service manager restarts it (SIGTERM): it stops and removes every swarm task's container on
     * its way down, and after the restart Swarm reports the task failed, "No such container", exit 0. That exit 0 is
     * no verdict: the task ends FAILED/INFRA saying why, never SUCCEEDED.
     */
    @Test
    void mastersRemovedByAGracefulEngineRestartFailAsInfrastructureNeverSucceed() throws Exception {
        for (JsonNode end : runThreeAndRestart("TERM")) {
            assertThat(end.get("exitCode").isNull()).as("no exit code is known: %s", end).isTrue();
            assertThat(end.get("failure").get("message").asString()).as("%s", end).contains("No such container");
        }
    }

    /** Three tasks to RUNNING, the engine restarted with {@code signal}, their terminal views (each checked in common). */
    private List<JsonNode> runThreeAndRestart(String signal) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            ids.add(gateway.submit(TaskRequests.demoBody("engine-" + signal.toLowerCase() + "-" + i, 1, "master", 120)));
        }
        for (String id : ids) {
            gateway.awaitPhase(id, Set.of("RUNNING"), Duration.ofMinutes(2));
        }
        AppProcess.sleep(2000); // the masters have printed their first lines and are "running the load"

        restartDockerEngine(signal);

        List<JsonNode> ends = new ArrayList<>();
        for (String id : ids) {
            JsonNode end = gateway.awaitPhase(id, AtqClient.TERMINAL, Duration.ofMinutes(3));
            assertThat(end.get("phase").asString()).as("%s", end).isEqualTo("FAILED");
            assertThat(end.get("failure").get("cause").asString()).as("%s", end).isEqualTo("INFRA");
            gateway.awaitCleanedUp(id);
            String log = masterLog(end);
            assertThat(log).as("master log of %s", id).contains("demo-master: start", "reached ").doesNotContain("Error grabbing logs");
            assertThat(log.chars().filter(c -> c < 0x20 && c != '\n' && c != '\t').count())
                    .as("control bytes (stream framing) in the master log of %s", id).isZero();
            ends.add(gateway.task(id));
        }
        assertThat(system.leaks().awaitGone(Duration.ofSeconds(30))).as("left behind").isEmpty();
        return ends;
    }

    private String masterLog(JsonNode task) {
        return gateway.get("/v1/tasks/" + task.get("id").asString() + "/logs?role=master").body();
    }

    /** Stops dockerd with {@code signal} (TERM: as a service manager does; KILL: a crash), waits for it to exit, starts it as compose/dev does. */
    private static void restartDockerEngine(String signal) throws IOException, InterruptedException {
        String script = """
                set -euo pipefail
                pid=$(pgrep -x dockerd)
                kill -%s "$pid"
                while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
                ROOT=$(cd .. && pwd)
                source "$ROOT/compose/lib/common.sh"
                source "$ROOT/compose/lib/prereqs.sh"
                ensure_docker
                """.formatted(signal);
        Process process = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("restarting dockerd: %s", output).isZero();
    }
}
