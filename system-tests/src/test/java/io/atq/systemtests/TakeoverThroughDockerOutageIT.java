package io.atq.systemtests;

import io.atq.systemtests.support.AtqClient;
import io.atq.systemtests.support.SystemTestBase;
import io.atq.testfixtures.AppProcess;
import io.atq.testfixtures.DockerApiProxy;
import io.atq.testfixtures.TaskRequests;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.atq.systemtests.support.Takeovers.assertInOrderWithoutRepeats;
import static io.atq.systemtests.support.Takeovers.awaitLogged;
import static io.atq.systemtests.support.Takeovers.awaitNoLeaks;
import static io.atq.systemtests.support.Takeovers.history;
import static io.atq.systemtests.support.Takeovers.repeatedMoves;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The survivor loses Docker for 5 s just as it takes a dead director's task over (it reaches Docker only through a
 * proxy the test cuts): the takeover waits Docker out like a normal run does and the test still passes.
 */
class TakeoverThroughDockerOutageIT extends SystemTestBase {
    TakeoverThroughDockerOutageIT() {
        super(0);
    }

    @Test
    void aTakeoverRidesOutDockerNotAnsweringAndTheTaskSucceeds() throws Exception {
        try (DockerApiProxy proxy = DockerApiProxy.start(Path.of("/var/run/docker.sock"))) {
            AppProcess first = system.startDirector(DirectorCrashIT.DIRECTOR_ARGS);
            AppProcess survivor = null;
            try {
                String id = gateway.submit(TaskRequests.demoBody("takeover-docker-outage", 2, "master", 45));
                gateway.awaitPhase(id, Set.of("RUNNING"), Duration.ofMinutes(2));
                List<String> args = new ArrayList<>(DirectorCrashIT.DIRECTOR_ARGS);
                args.add("--atq.docker.host=" + proxy.dockerHost());
                survivor = system.startDirector(args);
                first.kill();

                awaitLogged(survivor, id, "taking over from director", Duration.ofSeconds(30));
                proxy.cut();
                AppProcess.sleep(5000);
                proxy.restore();

                JsonNode end = gateway.awaitPhase(id, AtqClient.TERMINAL, Duration.ofMinutes(2));
                JsonNode cleaned = gateway.awaitCleanedUp(id);
                assertThat(end.get("phase").asString()).as("%s", end).isEqualTo("SUCCEEDED");
                assertThat(end.get("director").asString()).isEqualTo(survivor.name());
                assertThat(survivor.logText()).contains("Docker does not answer");
                assertInOrderWithoutRepeats(history(cleaned));
                assertThat(repeatedMoves(system, id)).isZero();
                assertThat(awaitNoLeaks(system)).as("leaks: %s", system.leaks()).isTrue();
            } finally {
                first.close();
                if (survivor != null) {
                    survivor.close();
                }
            }
        }
    }
}
