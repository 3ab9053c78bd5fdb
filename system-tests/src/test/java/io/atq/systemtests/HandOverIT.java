package io.atq.systemtests;

import io.atq.systemtests.support.AtqClient;
import io.atq.systemtests.support.SystemTestBase;
import io.atq.testfixtures.AppProcess;
import io.atq.testfixtures.TaskRequests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
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
 * SIGTERM, not SIGKILL: a stopping director hands its running task to another live director, which takes it over at
 * once (not after the 15 s lease: the stopping one says it left) with the master still running, so the test's own
 * process is never restarted; directors stopped together (nobody left to hand over to) end their tasks and remove
 * everything, as {@code compose/dev down} needs.
 */
class HandOverIT extends SystemTestBase {
    static final List<String> DIRECTOR_ARGS = List.of("--atq.director.reaper.interval=60s", "--atq.director.reaper.lease=15s");
    private final List<String> report = new ArrayList<>();

    HandOverIT() {
        super(0);
    }

    @AfterAll
    void report() {
        report.forEach(line -> System.out.println("[hand-over] " + line));
    }

    @Test
    void aStoppedDirectorHandsItsRunningTaskOverAndTheMasterRunsOnToTheVerdict() {
        List<AppProcess> directors = system.startDirectors(2, DIRECTOR_ARGS);
        try {
            String id = gateway.submit(TaskRequests.demoBody("hand-over", 2, "master", 15));
            String owner = gateway.awaitPhase(id, Set.of("RUNNING"), Duration.ofMinutes(2)).get("director").asString();
            AppProcess leaving = directors.stream().filter(d -> d.name().equals(owner)).findFirst().orElseThrow();
            AppProcess heir = directors.stream().filter(d -> d != leaving).findFirst().orElseThrow();
            AppProcess.sleep(3000); // inside the master's 15 s of load

            Instant stoppedAt = Instant.now();
            leaving.close(); // SIGTERM, and wait for the exit
            long exitMs = Duration.between(stoppedAt, Instant.now()).toMillis();
            Instant tookOver = awaitLogged(heir, id, "taking over from director", Duration.ofSeconds(30));

            JsonNode end = gateway.awaitPhase(id, AtqClient.TERMINAL, Duration.ofMinutes(2));
            JsonNode cleaned = gateway.awaitCleanedUp(id);
            String masterLog = gateway.get("/v1/tasks/" + id + "/logs?role=master").body();
            long takeoverMs = Duration.between(stoppedAt, tookOver).toMillis();
            report.add("handed over in RUNNING: the stopping director exited after %d ms, taken over %d ms after the SIGTERM, %s by %s"
                    .formatted(exitMs, takeoverMs, history(cleaned), end.get("director").asString()));

            assertThat(end.get("phase").asString()).as("verdict: %s", end).isEqualTo("SUCCEEDED");
            assertThat(end.get("director").asString()).isEqualTo(heir.name());
            assertThat(leaving.logText()).contains("handing 1 task(s) over");
            assertThat(takeoverMs).as("taken over before the 15 s lease could run out").isLessThan(8000);
            assertInOrderWithoutRepeats(history(cleaned));
            assertThat(repeatedMoves(system, id)).isZero();
            assertThat(masterLog.lines().filter(l -> l.startsWith("demo-master: start")).count())
                    .as("the master ran once, not restarted:\n%s", masterLog).isEqualTo(1);
            assertThat(masterLog.lines().toList()).as("no line written twice").doesNotHaveDuplicates()
                    .contains("summary reached=2 total=2");
            assertThat(awaitNoLeaks(system)).as("leaks: %s", system.leaks()).isTrue();
        } finally {
            directors.forEach(AppProcess::close);
        }
    }

    @Test
    void directorsStoppedTogetherEndTheirTasksAndLeaveNothing() {
        List<AppProcess> directors = system.startDirectors(2, DIRECTOR_ARGS);
        try {
            List<String> ids = List.of(gateway.submit(TaskRequests.demoBody("together-1", 1, "master", 120)),
                    gateway.submit(TaskRequests.demoBody("together-2", 1, "master", 120)));
            for (String id : ids) {
                gateway.awaitPhase(id, Set.of("RUNNING"), Duration.ofMinutes(2));
            }

            directors.forEach(d -> ProcessHandle.of(d.pid()).ifPresent(ProcessHandle::destroy)); // as compose/dev down does
            directors.forEach(AppProcess::close);

            for (String id : ids) {
                JsonNode end = gateway.awaitPhase(id, AtqClient.TERMINAL, Duration.ofSeconds(30));
                assertThat(end.get("phase").asString()).as("verdict: %s", end).isEqualTo("FAILED");
                assertThat(end.get("failure").get("cause").asString()).isEqualTo("INFRA");
                assertThat(end.get("failure").get("message").asString()).isEqualTo("the director stopped during RUNNING");
            }
            assertThat(directors).allSatisfy(d -> assertThat(d.logText()).doesNotContain("handing"));
            assertThat(awaitNoLeaks(system)).as("leaks: %s", system.leaks()).isTrue();
            report.add("stopped together: %s".formatted(ids.stream().map(id -> gateway.task(id).get("phase").asString()).toList()));
        } finally {
            directors.forEach(AppProcess::close);
        }
    }
}
