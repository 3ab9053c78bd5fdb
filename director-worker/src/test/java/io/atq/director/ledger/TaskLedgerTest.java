package io.atq.director.ledger;

import io.atq.contracts.messages.CancelTask;
import io.atq.contracts.messages.StreamMarker;
import io.atq.contracts.messages.TaskCleanedUp;
import io.atq.contracts.messages.TaskPhaseChanged;
import io.atq.contracts.phase.Phase;
import io.atq.testfixtures.TaskRequests;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class TaskLedgerTest {
    private static final Instant AT = Instant.parse("2030-01-01T00:00:00Z");
    private final TaskLedger ledger = new TaskLedger("nonce-1");

    @Test
    void remembersCancelledTasks() {
        ledger.apply(new CancelTask("t1", AT));

        assertThat(ledger.isCancelled("t1")).isTrue();
        assertThat(ledger.isCancelled("t2")).isFalse();
    }

    @Test
    void remembersTheFurthestPhaseAndWhoMovedIt() {
        ledger.apply(TaskPhaseChanged.of("t1", Phase.PROVISIONING, AT, "d1"));
        ledger.apply(TaskPhaseChanged.of("t1", Phase.RUNNING, AT, "d1"));

        assertThat(ledger.progress("t1")).hasValue(new TaskLedger.Progress(Phase.RUNNING, "d1"));
        assertThat(ledger.isTerminal("t1")).isFalse();
    }

    @Test
    void aTerminalPhaseIsFinalEvenWhenAnEarlierMoveArrivesLater() {
        ledger.apply(TaskPhaseChanged.of("t1", Phase.SUCCEEDED, AT, "d1"));
        ledger.apply(TaskPhaseChanged.of("t1", Phase.RUNNING, AT, "d1"));

        assertThat(ledger.isTerminal("t1")).isTrue();
        assertThat(ledger.progress("t1").orElseThrow().phase()).isEqualTo(Phase.SUCCEEDED);
    }

    @Test
    void replayingTheWholeLogAgainChangesNothing() {
        var log = java.util.List.of(
                TaskRequests.aTaskRequest().taskId("t1").build(),
                TaskPhaseChanged.of("t1", Phase.PROVISIONING, AT, "d1"),
                new CancelTask("t1", AT),
                TaskPhaseChanged.of("t1", Phase.CANCELLED, AT, "d1"),
                new TaskCleanedUp("t1", AT, "d1", true, null));
        log.forEach(ledger::apply);
        log.forEach(ledger::apply);

        assertThat(ledger.isTerminal("t1")).isTrue();
        assertThat(ledger.isCancelled("t1")).isTrue();
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
        ledger.apply(TaskRequests.aTaskRequest().taskId("t1").build());
        ledger.apply(new TaskCleanedUp("t1", AT, "d1", false, "network still in use"));

        assertThat(ledger.isKnown("t1")).isTrue();
        assertThat(ledger.isKnown("t2")).isFalse();
        assertThat(ledger.isCleanupReported("t1")).isTrue();
        assertThat(ledger.isCleanedUp("t1")).isFalse();

        ledger.apply(new TaskCleanedUp("t1", AT, "reaper", true, null));
        assertThat(ledger.isCleanedUp("t1")).isTrue();
    }
}
