package io.atq.systemtests;

import io.atq.systemtests.support.AtqClient;
import io.atq.systemtests.support.SystemTestBase;
import io.atq.testfixtures.AppProcess;
import io.atq.testfixtures.TaskRequests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.atq.systemtests.support.Takeovers.assertInOrderWithoutRepeats;
import static io.atq.systemtests.support.Takeovers.awaitLogged;
import static io.atq.systemtests.support.Takeovers.awaitNoLeaks;
import static io.atq.systemtests.support.Takeovers.awaitService;
import static io.atq.systemtests.support.Takeovers.history;
import static io.atq.systemtests.support.Takeovers.repeatedMoves;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGKILL the director that owns a task, in every phase and during clean-up: a surviving director takes the task over
 * within its lease plus a few seconds (the reaper's periodic pass is a minute away here, so only the lease watch can
 * be that fast) and runs it on from the step after the last logged phase, so the test still passes: {@code SUCCEEDED},
 * no phase recorded twice or out of order, nothing left on the swarm. Every director pauses 8 s right after the
 * phase under test, so the kill lands in it.
 */
class DirectorCrashIT extends SystemTestBase {
    static final Duration LEASE = Duration.ofSeconds(3);
    static final List<String> DIRECTOR_ARGS = List.of("--atq.director.reaper.interval=60s",
            "--atq.director.reaper.heartbeat=500ms", "--atq.director.reaper.lease=" + LEASE.toSeconds() + "s",
            "--atq.director.test.pause-for=8s");
    private final List<String> report = new ArrayList<>();

    DirectorCrashIT() {
        super(0);
    }

    @AfterAll
    void report() {
        report.forEach(line -> System.out.println("[director-crash] " + line));
    }

    @ParameterizedTest(name = "killed in {0}")
    @ValueSource(strings = {"PROVISIONING", "STARTING_WORKERS", "DISCOVERING", "STARTING_MASTER", "RUNNING", "COLLECTING", "CLEANUP"})
    void aTaskWhoseDirectorIsKilledIsRunOnByAnotherToItsVerdictAndLeavesNothing(String step) {
        List<String> args = new ArrayList<>(DIRECTOR_ARGS);
        if (!step.equals("RUNNING")) {
            args.add("--atq.director.test.pause-after=" + step);
        }
        List<AppProcess> directors = system.startDirectors(2, args);
        try {
            // In RUNNING the demo master itself takes 10 s; elsewhere the pause point holds the run.
            String id = gateway.submit(TaskRequests.demoBody("crash-" + step.toLowerCase(), 2, "master", step.equals("RUNNING") ? 10 : null));
            JsonNode view = gateway.awaitPhase(id, Set.of(step.equals("CLEANUP") ? "SUCCEEDED" : step), Duration.ofMinutes(2));
            String owner = view.get("director").asString();
            AppProcess victim = directors.stream().filter(d -> d.name().equals(owner)).findFirst().orElseThrow();
            AppProcess survivor = directors.stream().filter(d -> d != victim).findFirst().orElseThrow();
            if (step.equals("RUNNING")) {
                AppProcess.sleep(3000); // well inside the master's 10 s
            }
            if (step.equals("STARTING_MASTER")) {
                // The phase is published just before the master is created; the pause point holds the run right
                // after: kill there, not in the milliseconds between (which a fast relay of the phase can hit).
                awaitService(system, "atq-" + id + "-master");
            }
            victim.kill();
            Instant killedAt = Instant.now();

            Instant tookOver = awaitLogged(survivor, id, step.equals("CLEANUP") ? "reaper removes" : "taking over from director",
                    Duration.ofSeconds(30));
            JsonNode end = gateway.awaitPhase(id, AtqClient.TERMINAL, Duration.ofMinutes(3));
            JsonNode cleaned = gateway.awaitCleanedUp(id);
            boolean clean = awaitNoLeaks(system);
            int repeats = repeatedMoves(system, id);
            List<String> phases = history(cleaned);
            long takeoverMs = Duration.between(killedAt, tookOver).toMillis();
            report.add("killed %s in %s: taken over %d ms after the kill, %s by %s (%s)".formatted(owner, step, takeoverMs,
                    phases, end.get("director").asString(), end.path("failure").isNull() || end.path("failure").isMissingNode()
                            ? "no failure" : end.get("failure").get("message").asString()));

            assertThat(end.get("phase").asString()).as("verdict after a kill in %s: %s", step, end).isEqualTo("SUCCEEDED");
            assertInOrderWithoutRepeats(phases);
            assertThat(repeats).as("phase moves logged twice by the directors").isZero();
            assertThat(clean).as("leaks: %s", system.leaks()).isTrue();
            assertThat(takeoverMs).as("takeover start after the kill (lease %s)", LEASE).isLessThan(LEASE.plusSeconds(5).toMillis());
            if (!step.equals("CLEANUP")) {
                assertThat(end.get("director").asString()).as("the survivor recorded the verdict").isEqualTo(survivor.name());
            }
        } finally {
            directors.forEach(AppProcess::close);
        }
    }
}
