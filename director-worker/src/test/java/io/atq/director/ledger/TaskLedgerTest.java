package io.atq.director.ledger;

import io.atq.contracts.messages.CancelTask;
import io.atq.contracts.messages.StreamMarker;
import io.atq.contracts.messages.TaskCleanedUp;
import io.atq.contracts.messages.TaskPhaseChanged;
import io.atq.contracts.phase.Phase;
import io.atq.contracts.tasks.TaskId;
import io.atq.testfixtures.TaskRequests;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class TaskLedgerTest {
    private static final TaskId T1 = TaskId.parse("00000000-0000-4000-8000-000000000001");
    private static final TaskId T2 = TaskId.parse("00000000-0000-4000-8000-000000000002");
    private static final Instant AT = Instant.parse("2030-01-01T00:00:00Z");
    private final TaskLedger ledger = new TaskLedger("nonce-1");

    @Test
    void remembersCancelledTasks() {
        ledger.apply(new CancelTask(T1, AT));

        assertThat(ledger.isCancelled(T1)).isTrue();
        assertThat(ledger.isCancelled(T2)).isFalse();
    }

    @Test
    void remembersTheFurthestPhaseAndWhoMovedIt() {
        ledger.apply(TaskPhaseChanged.of(T1, Phase.PROVISIONING, AT, "d1"));
        ledger.apply(TaskPhaseChanged.of(T1, Phase.RUNNING, AT, "d1"));

        assertThat(ledger.progress(T1)).hasValue(new TaskLedger.Progress(Phase.RUNNING, "d1"));
        assertThat(ledger.isTerminal(T1)).isFalse();
    }

    @Test
    void aTerminalPhaseIsFinalEvenWhenAnEarlierMoveArrivesLater() {
        ledger.apply(TaskPhaseChanged.of(T1, Phase.SUCCEEDED, AT, "d1"));
        ledger.apply(TaskPhaseChanged.of(T1, Phase.RUNNING, AT, "d1"));

        assertThat(ledger.isTerminal(T1)).isTrue();
        assertThat(ledger.progress(T1).orElseThrow().phase()).isEqualTo(Phase.SUCCEEDED);
    }

    @Test
    void replayingTheWholeLogAgainChangesNothing() {
        var log = java.util.List.of(
                TaskRequests.aTaskRequest().taskId(T1).build(),
                TaskPhaseChanged.of(T1, Phase.PROVISIONING, AT, "d1"),
                new CancelTask(T1, AT),
                TaskPhaseChanged.of(T1, Phase.CANCELLED, AT, "d1"),
                new TaskCleanedUp(T1, AT, "d1", true, null));
        log.forEach(ledger::apply);
        log.forEach(ledger::apply);

        assertThat(ledger.isTerminal(T1)).isTrue();
        assertThat(ledger.isCancelled(T1)).isTrue();
        assertThat(ledger.knownTasks()).isEqualTo(1);
    }

    @Test
    void isCaughtUpOnlyWhenItReadsItsOwnMarker() {
        ledger.apply(new StreamMarker("someone-else", AT));
        assertThat(ledger.isCaughtUp()).isFalse();

        ledger.apply(new StreamMarker("nonce-1", AT));
        assertThat(ledger.caughtUp()).isCompleted();
    }

    @Test
    void ordersPhasesByTheTransitionTable() {
        assertThat(TaskLedger.reachable(Phase.PROVISIONING, Phase.COLLECTING)).isTrue();
        assertThat(TaskLedger.reachable(Phase.RUNNING, Phase.DISCOVERING)).isFalse();
        assertThat(TaskLedger.reachable(Phase.CANCELLED, Phase.RUNNING)).isFalse();
        assertThat(TaskLedger.reachable(Phase.QUEUED, Phase.TIMED_OUT)).isTrue();
    }

    @Test
    void knowsRequestedTasksAndWhetherTheirRemovalWasReportedAndComplete() {
        ledger.apply(TaskRequests.aTaskRequest().taskId(T1).build());
        ledger.apply(new TaskCleanedUp(T1, AT, "d1", false, "network still in use"));

        assertThat(ledger.isKnown(T1)).isTrue();
        assertThat(ledger.isKnown(T2)).isFalse();
        assertThat(ledger.isCleanupReported(T1)).isTrue();
        assertThat(ledger.isCleanedUp(T1)).isFalse();

        ledger.apply(new TaskCleanedUp(T1, AT, "reaper", true, null));
        assertThat(ledger.isCleanedUp(T1)).isTrue();
    }
}
