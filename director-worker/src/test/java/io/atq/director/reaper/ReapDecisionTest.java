package io.atq.director.reaper;

import io.atq.contracts.messages.TaskCleanedUp;
import io.atq.contracts.messages.TaskPhaseChanged;
import io.atq.contracts.names.Labels;
import io.atq.contracts.phase.Phase;
import io.atq.contracts.tasks.TaskId;
import io.atq.director.ledger.TaskLedger;
import io.atq.director.swarm.SwarmObject;
import io.atq.testfixtures.TaskRequests;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ReapDecisionTest {
    private static final TaskId T1 = TaskId.parse("00000000-0000-4000-8000-000000000001");
    private static final TaskId GHOST = TaskId.parse("00000000-0000-4000-8000-000000000002");
    private static final Instant NOW = Instant.parse("2030-01-01T01:00:00Z");
    private final TaskLedger ledger = new TaskLedger("n");
    private final Leases leases = new Leases("me", Duration.ofSeconds(10));
    private final ReapDecision decision = new ReapDecision("me", Duration.ofMinutes(2));
    private Set<TaskId> runningHere = Set.of();

    ReapDecisionTest() {
        for (int s = 0; s <= 20; s += 2) {
            leases.heard("me", NOW.minusSeconds(20 - s));
            leases.heard("alive", NOW.minusSeconds(20 - s));
        }
    }

    @Test
    void removesATerminalTaskOfADeadOwnerAndReportsTheCleanUp() {
        requested(T1);
        moved(T1, Phase.SUCCEEDED, "dead");

        assertThat(decide(T1, "dead", NOW.plusSeconds(600))).isEqualTo(new ReapAction.Remove(task(T1, "dead", NOW.plusSeconds(600)), "task is SUCCEEDED", true));
    }

    @Test
    void leavesATerminalTaskWhoseLiveOwnerHasNotReportedItsCleanUpYetButRemovesItOnceReported() {
        requested(T1);
        moved(T1, Phase.FAILED, "alive");
        assertThat(decide(T1, "alive", NOW)).isInstanceOf(ReapAction.Leave.class);

        ledger.apply(new TaskCleanedUp(T1, NOW, "alive", false, "network still in use"));
        assertThat(decide(T1, "alive", NOW)).isInstanceOfSatisfying(ReapAction.Remove.class, r -> assertThat(r.reportCleanup()).isTrue());
    }

    @Test
    void removesObjectsOfATaskUnknownToTheLogWithoutReportingAnything() {
        assertThat(decide(GHOST, "dead", NOW)).isInstanceOfSatisfying(ReapAction.Remove.class, r -> assertThat(r.reportCleanup()).isFalse());
    }

    @Test
    void leavesAnUnknownTaskOfALiveOwnerWhichMayBeAheadOfTheLog() {
        assertThat(decide(TaskId.random(), "alive", NOW)).isInstanceOf(ReapAction.Leave.class);
    }

    @Test
    void takesOverARunningTaskWhoseOwnerDiedFromTheLastLoggedPhase() {
        requested(T1);
        moved(T1, Phase.RUNNING, "dead");

        assertThat(decide(T1, "dead", NOW.plusSeconds(600))).isEqualTo(
                new ReapAction.TakeOver(task(T1, "dead", NOW.plusSeconds(600)), Phase.RUNNING, "dead", 1));
    }

    @Test
    void takesOverAQueuedTaskWhoseDirectorDiedRightAfterCreatingItsNetwork() {
        requested(T1);

        assertThat(decide(T1, "dead", NOW.plusSeconds(600))).isInstanceOfSatisfying(ReapAction.TakeOver.class,
                t -> assertThat(t.lastPhase()).isEqualTo(Phase.QUEUED));
    }

    @Test
    void anOrphanPastItsDeadlinePlusGraceIsTakenOverAllTheSame() {
        // The run that takes it over times it out itself (stopping its master, keeping its logs).
        requested(T1);
        moved(T1, Phase.DISCOVERING, "dead");

        assertThat(decide(T1, "dead", NOW.minusSeconds(121))).isInstanceOfSatisfying(ReapAction.TakeOver.class,
                t -> assertThat(t.lastPhase()).isEqualTo(Phase.DISCOVERING));
    }

    @Test
    void leavesTasksOfLiveOwnersUntilTheirDeadlinePlusGraceThenRemovesTheirObjects() {
        requested(T1);
        moved(T1, Phase.RUNNING, "alive");

        assertThat(decide(T1, "alive", NOW.minusSeconds(119))).isInstanceOf(ReapAction.Leave.class);
        assertThat(decide(T1, "alive", NOW.minusSeconds(121))).isInstanceOfSatisfying(ReapAction.Remove.class,
                r -> assertThat(r.reportCleanup()).isFalse());
    }

    @Test
    void aSecondTakeoverClaimsTheNextGenerationAndTheNewestClaimNamesTheOwner() {
        requested(T1);
        moved(T1, Phase.RUNNING, "dead");
        SwarmObject claim = new SwarmObject("c1", T1.claimName(1), Map.of(Labels.TASK, T1.value(),
                Labels.ROLE, TaskObjects.CLAIM_ROLE, Labels.OWNER, "alive"));
        TaskObjects both = new TaskObjects(T1, List.of(network(T1, "dead", NOW.plusSeconds(600)), claim));
        assertThat(both.owner()).isEqualTo("alive");
        assertThat(decision.decide(List.of(both), ledger, leases, runningHere::contains, director -> false, NOW).getFirst()).isInstanceOf(ReapAction.Leave.class);

        TaskObjects deadClaim = new TaskObjects(T1, List.of(network(T1, "alive", NOW.plusSeconds(600)),
                new SwarmObject("c1", T1.claimName(1), Map.of(Labels.TASK, T1.value(), Labels.ROLE, TaskObjects.CLAIM_ROLE, Labels.OWNER, "dead2"))));
        assertThat(decision.decide(List.of(deadClaim), ledger, leases, runningHere::contains, director -> false, NOW).getFirst())
                .isInstanceOfSatisfying(ReapAction.TakeOver.class, t -> assertThat(t.claim()).isEqualTo(2));
    }

    @Test
    void neverTouchesATaskRunningOnThisDirector() {
        runningHere = Set.of(GHOST);

        assertThat(decide(GHOST, "me", NOW)).isInstanceOf(ReapAction.Leave.class);
    }

    @Test
    void objectsWithoutATaskLabelOrWithOneThatIsNoTaskIdAreNotJudgedAtAll() {
        List<TaskObjects> grouped = TaskObjects.group(List.of(new SwarmObject("x", "plain", Map.of(Labels.INSTANCE, "i")),
                new SwarmObject("y", "odd", Map.of(Labels.INSTANCE, "i", Labels.TASK, "../../etc")),
                network(T1, "dead", NOW)));

        assertThat(grouped).extracting(TaskObjects::taskId).containsExactly(T1);
    }

    private ReapAction decide(TaskId taskId, String owner, Instant deadline) {
        return decision.decide(List.of(task(taskId, owner, deadline)), ledger, leases, runningHere::contains, director -> false, NOW).getFirst();
    }

    private static TaskObjects task(TaskId taskId, String owner, Instant deadline) {
        return new TaskObjects(taskId, List.of(network(taskId, owner, deadline)));
    }

    private static SwarmObject network(TaskId taskId, String owner, Instant deadline) {
        Map<String, String> labels = new HashMap<>(Map.of(Labels.TASK, taskId.value(), Labels.ROLE, Labels.Role.NETWORK.label(),
                Labels.OWNER, owner, Labels.DEADLINE, deadline.toString()));
        return new SwarmObject("net-" + taskId, "atq-" + taskId + "-net", labels);
    }

    private void requested(TaskId taskId) {
        ledger.apply(TaskRequests.aTaskRequest().taskId(taskId).build());
    }

    private void moved(TaskId taskId, Phase phase, String director) {
        ledger.apply(TaskPhaseChanged.of(taskId, phase, NOW, director));
    }
}
