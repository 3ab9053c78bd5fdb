package io.atq.systemtests;

import io.atq.contracts.phase.Phase;
import io.atq.systemtests.support.SystemTestBase;
import io.atq.systemtests.support.AppProcess;
import io.atq.systemtests.support.AtqClient;
import io.atq.systemtests.support.SwarmLeaks;
import io.atq.systemtests.support.Tasks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGKILL the director that owns a task, in several phases: a surviving director takes the task over (finishes it
 * when its master was already created, else fails it naming the dead director), no phase is recorded twice or out of order,
 * and nothing is left on the swarm. Every director pauses 20 s at the phase under test, so the kill lands in it.
 */
class DirectorCrashIT extends SystemTestBase {
    private static final List<String> FAST_REAPER = List.of("--atq.director.reaper.interval=2s",
            "--atq.director.reaper.heartbeat=500ms", "--atq.director.reaper.lease=3s", "--atq.director.test.pause-for=20s");
    private int kills;
    private int terminal;
    private int leaked;
    private int duplicates;

    @AfterAll
    void report() {
        System.out.printf("[director-crash] kills=%d terminal=%d leaked=%d duplicates=%d%n", kills, terminal, leaked, duplicates);
    }

    DirectorCrashIT() {
        super(0);
    }

    @ParameterizedTest(name = "killed in {0}")
    @ValueSource(strings = {"RUNNING", "PROVISIONING", "STARTING_WORKERS", "DISCOVERING", "STARTING_MASTER", "CLEANUP"})
    void aTaskWhoseDirectorIsKilledIsEndedByAnotherAndLeavesNothing(String step) {
        List<String> args = new ArrayList<>(FAST_REAPER);
        if (!step.equals("RUNNING")) {
            args.add("--atq.director.test.pause-after=" + step);
        }
        List<AppProcess> directors = List.of(system.startDirector(args), system.startDirector(args));
        try {
            // In RUNNING the demo master itself takes 20 s; elsewhere the pause point holds the run.
            String id = gateway.submit(Tasks.demo("crash-" + step.toLowerCase(), 2, "master", step.equals("RUNNING") ? 20 : null));
            JsonNode view = gateway.awaitPhase(id, Set.of(step.equals("CLEANUP") ? "SUCCEEDED" : step), Duration.ofMinutes(2));
            String owner = view.get("director").asString();
            AppProcess victim = directors.stream().filter(d -> d.name().equals(owner)).findFirst().orElseThrow();
            if (step.equals("RUNNING")) {
                pause(Duration.ofSeconds(3)); // well inside the master's 20 s
            }
            if (step.equals("STARTING_MASTER")) {
                // The phase is published just before the master is created; the pause point holds the run right
                // after: kill there, not in the milliseconds between (which a fast relay of the phase can hit).
                awaitService("atq-" + id + "-master");
            }
            victim.kill();
            kills++;
            Instant killedAt = Instant.now();

            JsonNode end = gateway.awaitPhase(id, AtqClient.TERMINAL, Duration.ofMinutes(3));
            long toTerminalMs = Duration.between(killedAt, Instant.now()).toMillis();
            terminal++;
            JsonNode cleaned = gateway.awaitCleanedUp(id);
            boolean clean = awaitNoLeaks();
            leaked += clean ? 0 : 1;
            int repeats = repeatedMoves(id);
            duplicates += repeats;

            List<String> history = new ArrayList<>();
            cleaned.get("history").forEach(entry -> history.add(entry.get("phase").asString()));
            System.out.printf("[director-crash] killed %s in %s: terminal %d ms after the kill, cleaned up %d ms after: %s by %s (%s)%n",
                    owner, step, toTerminalMs, Duration.between(killedAt, Instant.now()).toMillis(), history, end.get("director").asString(),
                    end.get("failure") == null || end.get("failure").isNull() ? "no failure" : end.get("failure").get("message").asString());
            assertInOrderWithoutRepeats(history);
            assertThat(repeats).as("phase moves logged twice by the directors").isZero();
            assertThat(clean).as("leaks: %s", system.leaks()).isTrue();
            if (step.equals("RUNNING")) {
                assertThat(end.get("phase").asString()).isEqualTo("SUCCEEDED");
                assertThat(end.get("director").asString()).isNotEqualTo(owner);
            } else if (step.equals("STARTING_MASTER")) {
                assertThat(end.get("phase").asString()).as("the created master is awaited").isEqualTo("SUCCEEDED");
            } else if (!step.equals("CLEANUP")) {
                assertThat(end.get("phase").asString()).isEqualTo("FAILED");
                assertThat(end.get("failure").get("message").asString()).contains("director " + owner + " died during " + step);
            }
        } finally {
            directors.forEach(AppProcess::close);
        }
    }

    private static void assertInOrderWithoutRepeats(List<String> history) {
        assertThat(history).doesNotHaveDuplicates().startsWith("QUEUED");
        for (int i = 1; i < history.size(); i++) {
            assertThat(Phase.valueOf(history.get(i - 1)).canMoveTo(Phase.valueOf(history.get(i))))
                    .as("%s -> %s in %s", history.get(i - 1), history.get(i), history).isTrue();
        }
        assertThat(Phase.valueOf(history.getLast()).isTerminal()).isTrue();
    }

    /** Phase moves of the task logged more than once across every director's log (the raw writes, before any read model). */
    private int repeatedMoves(String id) {
        Pattern move = Pattern.compile("task " + Pattern.quote(id) + ": \\w+ -> (\\w+)");
        List<String> targets = new ArrayList<>();
        for (AppProcess director : system.directors()) {
            Matcher m = move.matcher(director.logText());
            while (m.find()) {
                targets.add(m.group(1));
            }
        }
        return targets.size() - (int) targets.stream().distinct().count();
    }

    private void awaitService(String name) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (!SwarmLeaks.of(system.instance()).services().contains(name)) {
            assertThat(Instant.now()).as("service %s created", name).isBefore(deadline);
            pause(Duration.ofMillis(100));
        }
    }

    private boolean awaitNoLeaks() {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            if (SwarmLeaks.of(system.instance()).isEmpty()) {
                return true;
            }
            pause(Duration.ofMillis(500));
        }
        return false;
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
