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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Docker engine restarts (SIGTERM to dockerd, then started again the way {@code compose/dev} starts it) while three
 * masters run: the engine stops every container on its way down, so each master exits 143, and it was not ATQ that
 * stopped it. Every task ends {@code FAILED}/{@code INFRA} (not the test's fault), each master log is complete (the
 * lines the master printed on SIGTERM are there, no error frame of the engine is), and nothing is left behind.
 * The broker is a vhost of this machine's RabbitMQ: a broker container would go down with the engine.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EngineRestartIT {
    private TestSystem system;
    private AtqClient gateway;

    @BeforeAll
    void startOnTheHostBroker() {
        system = TestSystem.onHostBroker("");
        gateway = system.startGateway();
        system.startDirector();
    }

    @AfterAll
    void stop() {
        if (system != null) {
            system.close(); // fails the class if any Swarm object of its instance is left
        }
    }

    @Test
    void mastersKilledByAnEngineRestartFailAsInfrastructureWithCompleteLogs() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            ids.add(gateway.submit(TaskRequests.demoBody("engine-restart-" + i, 1, "master", 120)));
        }
        for (String id : ids) {
            gateway.awaitPhase(id, Set.of("RUNNING"), Duration.ofMinutes(2));
        }
        AppProcess.sleep(2000); // the masters have printed their first lines and are "running the load"

        restartDockerEngine();

        for (String id : ids) {
            JsonNode end = gateway.awaitPhase(id, AtqClient.TERMINAL, Duration.ofMinutes(3));
            assertThat(end.get("phase").asString()).as("%s", end).isEqualTo("FAILED");
            assertThat(end.get("failure").get("cause").asString()).as("%s", end).isEqualTo("INFRA");
            assertThat(end.get("failure").get("message").asString()).contains("exit 143");
            assertThat(end.get("exitCode").asInt()).isEqualTo(143);
            gateway.awaitCleanedUp(id);

            String log = gateway.get("/v1/tasks/" + id + "/logs?role=master").body();
            assertThat(log).as("master log of %s", id)
                    .contains("demo-master: start", "reached ", "demo-master: terminated", "summary reached=1 total=1")
                    .doesNotContain("Error grabbing logs");
            assertThat(log.chars().filter(c -> c < 0x20 && c != '\n' && c != '\t').count())
                    .as("control bytes (stream framing) in the master log of %s", id).isZero();
        }
        assertThat(system.leaks().awaitGone(Duration.ofSeconds(30))).as("left behind").isEmpty();
    }

    /** Stops dockerd as a service manager would (SIGTERM, wait for it to exit) and starts it as compose/dev does. */
    private static void restartDockerEngine() throws IOException, InterruptedException {
        String script = """
                set -euo pipefail
                pid=$(pgrep -x dockerd)
                kill -TERM "$pid"
                while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
                ROOT=$(cd .. && pwd)
                source "$ROOT/compose/lib/common.sh"
                source "$ROOT/compose/lib/prereqs.sh"
                ensure_docker
                """;
        Process process = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("restarting dockerd: %s", output).isZero();
    }
}
