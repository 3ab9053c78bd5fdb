package io.atq.systemtests;

import io.atq.systemtests.support.AtqClient;
import io.atq.systemtests.support.SystemTestBase;
import io.atq.testfixtures.AppProcess;
import tools.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

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
 * The director dies while it stops a master at the task's deadline (after the SIGTERM, before the verdict): the
 * survivor sees a master that exited 143 and must not blame the test for the platform's stop — {@code TIMED_OUT}.
 */
class DirectorCrashAtDeadlineIT extends SystemTestBase {
    private static final String TASK = """
            { "name": "crash-at-deadline",
              "workers": { "image": "atq/demo-worker:1", "replicas": 2, "args": { "MODE": "node" }, "port": 8080 },
              "master":  { "image": "atq/demo-master:1", "args": { "MODE": "master", "DURATION": "300" } },
              "timeout": "PT20S" }
            """;

    DirectorCrashAtDeadlineIT() {
        super(0);
    }

    @Test
    void aMasterStoppedAtTheDeadlineByADirectorThatThenDiedIsATimeoutNotATestFailure() {
        List<String> args = new ArrayList<>(DirectorCrashIT.DIRECTOR_ARGS);
        args.add("--atq.director.test.pause-after=STOPPED_MASTER");
        List<AppProcess> directors = system.startDirectors(2, args);
        try {
            String id = gateway.submit(TASK);
            String owner = gateway.awaitPhase(id, Set.of("RUNNING"), Duration.ofMinutes(2)).get("director").asString();
            AppProcess victim = directors.stream().filter(d -> d.name().equals(owner)).findFirst().orElseThrow();
            AppProcess survivor = directors.stream().filter(d -> d != victim).findFirst().orElseThrow();
            awaitLogged(victim, id, "stopping the master", Duration.ofSeconds(60));
            AppProcess.sleep(1500); // the demo master exits at once on SIGTERM; the run now pauses 8 s before its verdict
            victim.kill();

            awaitLogged(survivor, id, "taking over from director", Duration.ofSeconds(30));
            JsonNode end = gateway.awaitPhase(id, AtqClient.TERMINAL, Duration.ofMinutes(2));
            JsonNode cleaned = gateway.awaitCleanedUp(id);

            assertThat(end.get("phase").asString()).as("%s", end).isEqualTo("TIMED_OUT");
            assertThat(end.get("failure").get("cause").asString()).isNotEqualTo("TEST");
            assertThat(end.get("failure").get("message").asString()).startsWith("timed out in RUNNING");
            assertThat(end.get("director").asString()).isEqualTo(survivor.name());
            assertInOrderWithoutRepeats(history(cleaned));
            assertThat(repeatedMoves(system, id)).isZero();
            assertThat(awaitNoLeaks(system)).as("leaks: %s", system.leaks()).isTrue();
        } finally {
            directors.forEach(AppProcess::close);
        }
    }
}
