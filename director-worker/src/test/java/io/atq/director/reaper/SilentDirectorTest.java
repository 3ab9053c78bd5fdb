package io.atq.director.reaper;

import io.atq.contracts.messages.TaskPhaseChanged;
import io.atq.contracts.names.Labels;
import io.atq.contracts.phase.Phase;
import io.atq.contracts.tasks.TaskId;
import io.atq.director.ledger.TaskLedger;
import io.atq.director.support.FakeSwarmClient;
import io.atq.director.swarm.SwarmObject;
import io.atq.testfixtures.TaskRequests;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A director silent past its lease is dead only if Swarm does not run it either: its heartbeats go through the broker,
 * which can keep a live director silent for longer than a lease after losing a node.
 */
class SilentDirectorTest {
    private static final Instant NOW = Instant.parse("2030-01-01T01:00:00Z");
    private static final String SWARM_TASK = "x1y2z3a4b5c6d7e8f9g0h1i2j";
    private static final String SILENT = "node2-" + SWARM_TASK;
    private final TaskId task = TaskId.random();
    private final TaskLedger ledger = new TaskLedger("n");
    private final Leases leases = new Leases("me", Duration.ofSeconds(10));
    private final ReapDecision decision = new ReapDecision("me", Duration.ofMinutes(2));
    private final FakeSwarmClient swarm = new FakeSwarmClient();

    SilentDirectorTest() {
        // This director heard itself for two leases; the owner's last heartbeat is 20 s old.
        for (int s = 0; s <= 20; s += 2) {
            leases.heard("me", NOW.minusSeconds(20 - s));
        }
        leases.heard(SILENT, NOW.minusSeconds(20));
        ledger.apply(TaskRequests.aTaskRequest().taskId(task).build());
        ledger.apply(TaskPhaseChanged.of(task, Phase.RUNNING, NOW.minusSeconds(30), SILENT));
    }

    @Test
    void aSilentOwnerThatSwarmStillRunsOnAReadyNodeKeepsItsTask() {
        swarm.swarmTask(SWARM_TASK, true);

        assertThat(decide()).isInstanceOfSatisfying(ReapAction.Leave.class, l -> assertThat(l.reason()).contains("live director " + SILENT));
    }

    @Test
    void aSilentOwnerThatSwarmNoLongerRunsIsTakenOver() {
        swarm.swarmTask(SWARM_TASK, false);

        assertThat(decide()).isInstanceOf(ReapAction.TakeOver.class);
    }

    @Test
    void anOwnerThatSaidItLeftIsTakenOverAtOnceWhateverSwarmSays() {
        swarm.swarmTask(SWARM_TASK, true);
        leases.heard(SILENT, NOW.minusSeconds(1), Leases.Departure.LEFT);

        assertThat(decide()).isInstanceOf(ReapAction.TakeOver.class);
    }

    @Test
    void anOwnerWithinItsLeaseIsNeverLookedUp() {
        leases.heard(SILENT, NOW.minusSeconds(1));

        assertThat(decide()).isInstanceOf(ReapAction.Leave.class);
        assertThat(swarm.dockerCalls()).isZero();
    }

    @Test
    void eachSilentDirectorIsLookedUpOncePerPass() {
        SwarmDirectors directors = new SwarmDirectors(swarm.swarmTask(SWARM_TASK, true));

        assertThat(directors.test(SILENT)).isTrue();
        assertThat(directors.test(SILENT)).isTrue();
        assertThat(swarm.dockerCalls()).isEqualTo(1);
    }

    @Test
    void onlyAnIdEndingInASwarmTaskIdCanBeLookedUp() {
        assertThat(SwarmDirectors.swarmTaskId(SILENT)).contains(SWARM_TASK);
        assertThat(SwarmDirectors.swarmTaskId("my-host-" + SWARM_TASK)).contains(SWARM_TASK);
        assertThat(SwarmDirectors.swarmTaskId("director-a")).isEmpty();
        assertThat(SwarmDirectors.swarmTaskId(SWARM_TASK)).as("no hostname before it").isEmpty();
        assertThat(SwarmDirectors.swarmTaskId("node2-" + SWARM_TASK.toUpperCase())).isEmpty();
        // A process director (no swarm task in its id) is judged by its lease alone, with no call to Docker.
        assertThat(new SwarmDirectors(swarm).test("director-a")).isFalse();
        assertThat(swarm.dockerCalls()).isZero();
    }

    private ReapAction decide() {
        SwarmObject network = new SwarmObject("net-" + task, "atq-" + task + "-net", Map.of(Labels.TASK, task.value(),
                Labels.ROLE, Labels.Role.NETWORK.label(), Labels.OWNER, SILENT, Labels.DEADLINE, NOW.plusSeconds(600).toString()));
        return decision.decide(List.of(new TaskObjects(task, List.of(network))), ledger, leases, id -> false,
                new SwarmDirectors(swarm), NOW).getFirst();
    }
}
