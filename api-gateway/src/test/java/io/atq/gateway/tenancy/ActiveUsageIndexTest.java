package io.atq.gateway.tenancy;

import io.atq.contracts.messages.CancelTask;
import io.atq.contracts.messages.MasterSpec;
import io.atq.contracts.messages.TaskPhaseChanged;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.messages.TaskSpec;
import io.atq.contracts.messages.WorkerSpec;
import io.atq.contracts.phase.Phase;
import io.atq.contracts.tasks.TaskId;
import io.atq.gateway.tasks.TaskBook;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-client usage the limits check reads follows the read model: created tasks count until they end. */
class ActiveUsageIndexTest {
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private final ActiveUsageIndex index = new ActiveUsageIndex();
    private final TaskBook book = new TaskBook(100);

    ActiveUsageIndexTest() {
        book.addListener(index);
    }

    private static TaskRequested request(String owner, int replicas) {
        TaskSpec spec = new TaskSpec("t", new WorkerSpec("atq/demo-worker:1", replicas, Map.of(), null),
                new MasterSpec("atq/demo-master:1", Map.of()), Duration.ofMinutes(5));
        return new TaskRequested(TaskId.random(), spec, T0, owner, UUID.randomUUID().toString(), null, null);
    }

    private void enter(TaskRequested task, Phase phase, int second) {
        book.apply(TaskPhaseChanged.of(task.taskId(), phase, T0.plusSeconds(second), "director-1"));
    }

    @Test
    void countsEachClientsCreatedTasksAndTheirWorkers() {
        book.apply(request("team-a", 2));
        book.apply(request("team-a", 3));
        book.apply(request("team-b", 4));

        assertThat(index.of("team-a")).isEqualTo(new ActiveUsage(2, 5));
        assertThat(index.of("team-b")).isEqualTo(new ActiveUsage(1, 4));
        assertThat(index.of("team-c")).isEqualTo(ActiveUsage.NONE);
    }

    @Test
    void aTaskStopsCountingWhenItEndsAndNotBeforeThen() {
        TaskRequested task = request("team-a", 3);
        book.apply(task);
        enter(task, Phase.STARTING_WORKERS, 1);
        enter(task, Phase.RUNNING, 2);
        assertThat(index.of("team-a")).isEqualTo(new ActiveUsage(1, 3));

        enter(task, Phase.FAILED, 3);

        assertThat(index.of("team-a")).isEqualTo(ActiveUsage.NONE);
    }

    @Test
    void aRepeatedRequestOrVerdictIsCountedOnce() {
        TaskRequested task = request("team-a", 2);
        TaskRequested other = request("team-a", 1);
        book.apply(task);
        book.apply(task);
        book.apply(other);
        enter(other, Phase.CANCELLED, 1);
        enter(other, Phase.CANCELLED, 1);

        assertThat(index.of("team-a")).isEqualTo(new ActiveUsage(1, 2));
    }

    @Test
    void aVerdictReadBeforeItsRequestIsAppliedWhenTheRequestArrives() {
        TaskRequested task = request("team-a", 2);
        enter(task, Phase.CANCELLED, 1);
        assertThat(index.of("team-a")).isEqualTo(ActiveUsage.NONE);

        book.apply(task);

        assertThat(index.of("team-a")).isEqualTo(ActiveUsage.NONE);
    }

    @Test
    void aCancelRequestAloneDoesNotFreeTheSlot() {
        TaskRequested task = request("team-a", 2);
        book.apply(task);

        book.apply(new CancelTask(task.taskId(), T0.plusSeconds(1)));

        assertThat(index.of("team-a")).isEqualTo(new ActiveUsage(1, 2));
    }

    @Test
    void aTaskWithoutAnOwnerCountsForNoClient() {
        book.apply(request(null, 2));

        assertThat(index.of("team-a")).isEqualTo(ActiveUsage.NONE);
    }
}
