package io.atq.gateway.tenancy;

import io.atq.contracts.config.ClientConfig;
import io.atq.contracts.config.ClientRole;
import io.atq.contracts.messages.MasterSpec;
import io.atq.contracts.messages.TaskPhaseChanged;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.messages.TaskSpec;
import io.atq.contracts.messages.WorkerSpec;
import io.atq.contracts.phase.Phase;
import io.atq.contracts.tasks.TaskId;
import io.atq.gateway.tasks.TaskState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A task is seen by its owner and by admins only; a client's limits count its unfinished tasks and their workers. */
class OwnershipAndLimitsTest {
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private final ClientConfig teamA = new ClientConfig("team-a", ClientRole.SUBMITTER, "0".repeat(64), null, 2, 5);
    private final ClientConfig teamB = new ClientConfig("team-b", ClientRole.SUBMITTER, "1".repeat(64), null, 2, 5);
    private final ClientConfig admin = new ClientConfig("ops", ClientRole.ADMIN, "2".repeat(64), null, 1, 1);

    private static TaskState task(String owner, int replicas) {
        TaskSpec spec = new TaskSpec("t", new WorkerSpec("atq/demo-worker:1", replicas, Map.of(), null),
                new MasterSpec("atq/demo-master:1", Map.of()), Duration.ofMinutes(5));
        return TaskState.requested(new TaskRequested(TaskId.random(), spec, T0, owner, UUID.randomUUID().toString(), null, null));
    }

    private static TaskState ended(TaskState task) {
        return task.apply(TaskPhaseChanged.of(task.id(), Phase.CANCELLED, T0.plusSeconds(1), "d"));
    }

    @Test
    void theOwnerSeesItsTaskAndAnotherSubmitterDoesNot() {
        TaskState ofA = task("team-a", 1);

        assertThat(TaskAccess.maySee(teamA, ofA)).isTrue();
        assertThat(TaskAccess.maySee(teamB, ofA)).isFalse();
    }

    @Test
    void anAdminSeesEveryTaskIncludingOnesWithoutAnOwner() {
        TaskState old = task(null, 1);

        assertThat(TaskAccess.maySee(admin, task("team-a", 1))).isTrue();
        assertThat(TaskAccess.maySee(admin, old)).isTrue();
        assertThat(TaskAccess.maySee(teamA, old)).isFalse();
    }

    @Test
    void countsOnlyTheClientsUnfinishedTasksAndTheirWorkers() {
        List<TaskState> known = List.of(task("team-a", 2), task("team-a", 1), ended(task("team-a", 3)), task("team-b", 4), task(null, 1));

        assertThat(ActiveUsage.of("team-a", known)).isEqualTo(new ActiveUsage(2, 3));
        assertThat(ActiveUsage.of("team-b", known)).isEqualTo(new ActiveUsage(1, 4));
    }

    @Test
    void admitsATaskThatFitsBothLimits() {
        assertThat(ClientLimits.check(teamA, new ActiveUsage(1, 3), 2)).isEmpty();
    }

    @Test
    void refusesOneTaskTooManyNamingMaxActiveTasks() {
        assertThat(ClientLimits.check(teamA, new ActiveUsage(2, 2), 1)).hasValueSatisfying(exceeded -> {
            assertThat(exceeded.limit()).isEqualTo("maxActiveTasks");
            assertThat(exceeded.current()).isEqualTo(2);
            assertThat(exceeded.max()).isEqualTo(2);
            assertThat(exceeded.describe()).contains("client 'team-a'").contains("retry when");
        });
    }

    @Test
    void refusesWorkersBeyondMaxActiveReplicas() {
        assertThat(ClientLimits.check(teamA, new ActiveUsage(1, 4), 2)).hasValueSatisfying(exceeded -> {
            assertThat(exceeded.limit()).isEqualTo("maxActiveReplicas");
            assertThat(exceeded.current()).isEqualTo(4);
            assertThat(exceeded.requested()).isEqualTo(2);
            assertThat(exceeded.max()).isEqualTo(5);
        });
    }

    @Test
    void saysWhenOneTaskAloneIsLargerThanTheLimit() {
        assertThat(ClientLimits.check(teamA, new ActiveUsage(0, 0), 6)).hasValueSatisfying(exceeded ->
                assertThat(exceeded.describe()).contains("this task alone is larger than the limit"));
    }
}
