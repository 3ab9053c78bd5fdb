package io.atq.gateway.tasks;

import io.atq.contracts.messages.CancelTask;
import io.atq.contracts.messages.Failure;
import io.atq.contracts.messages.StreamMarker;
import io.atq.contracts.messages.TaskCleanedUp;
import io.atq.contracts.messages.TaskPhaseChanged;
import io.atq.contracts.messages.TaskMessage;
import io.atq.contracts.phase.FailureCause;
import io.atq.contracts.phase.Phase;
import io.atq.contracts.tasks.TaskId;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.atq.gateway.tasks.TaskMessages.DIRECTOR;
import static io.atq.gateway.tasks.TaskMessages.at;
import static io.atq.gateway.tasks.TaskMessages.moved;
import static io.atq.gateway.tasks.TaskMessages.requested;
import static io.atq.gateway.tasks.TaskMessages.successfulRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules of one task's state: every message type, duplicates, out-of-order moves. */
class TaskStateTest {
    private static final TaskId T_2 = TaskId.parse("00000000-0000-4000-8000-000000000002");
    private static final TaskId ID = TaskId.parse("00000000-0000-4000-8000-000000000001");
    private final TaskState queued = TaskState.requested(requested(ID, 0));

    @Test
    void aRequestCreatesAQueuedTaskWithItsFirstHistoryEntry() {
        assertThat(queued.phase()).isEqualTo(Phase.QUEUED);
        assertThat(queued.createdAt()).isEqualTo(at(0));
        assertThat(queued.updatedAt()).isEqualTo(at(0));
        assertThat(queued.history()).containsExactly(new PhaseEntry(Phase.QUEUED, at(0), null, List.of(), null, null));
        assertThat(queued.cleanup()).isEqualTo(Cleanup.NOT_YET);
        assertThat(queued.cancelRequested()).isFalse();
        assertThat(queued.director()).isNull();
    }

    @Test
    void aRepeatedRequestChangesNothing() {
        assertThat(queued.apply(requested(ID, 30))).isSameAs(queued);
    }

    @Test
    void anAllowedMoveAppendsToTheHistoryAndRecordsTheDirector() {
        TaskState provisioning = queued.apply(moved(ID, Phase.PROVISIONING, 2));
        assertThat(provisioning.phase()).isEqualTo(Phase.PROVISIONING);
        assertThat(provisioning.updatedAt()).isEqualTo(at(2));
        assertThat(provisioning.director()).isEqualTo(DIRECTOR);
        assertThat(provisioning.history()).extracting(PhaseEntry::phase).containsExactly(Phase.QUEUED, Phase.PROVISIONING);
    }

    @Test
    void aMoveCarriesWorkerAddressesAndExitCodeWhichLaterMovesKeep() {
        TaskState done = applyAll(queued, successfulRun(ID));
        assertThat(done.phase()).isEqualTo(Phase.SUCCEEDED);
        assertThat(done.workerAddresses()).containsExactly("10.0.0.2", "10.0.0.3");
        assertThat(done.exitCode()).isZero();
        assertThat(done.failure()).isNull();
        assertThat(done.history()).hasSize(8);
    }

    @Test
    void aFailureIsRecordedWithItsCause() {
        Failure failure = Failure.of(FailureCause.TEST, "master exited 1");
        TaskState failed = queued.apply(moved(ID, Phase.PROVISIONING, 1))
                .apply(new TaskPhaseChanged(ID, Phase.FAILED, at(2), DIRECTOR, List.of(), 1, failure));
        assertThat(failed.phase()).isEqualTo(Phase.FAILED);
        assertThat(failed.isTerminal()).isTrue();
        assertThat(failed.failure()).isEqualTo(failure);
        assertThat(failed.exitCode()).isEqualTo(1);
    }

    @Test
    void aDuplicateMoveIsIgnored() {
        TaskState provisioning = queued.apply(moved(ID, Phase.PROVISIONING, 1));
        assertThat(provisioning.apply(moved(ID, Phase.PROVISIONING, 1))).isSameAs(provisioning);
    }

    @Test
    void anOutOfOrderOrSkippingMoveIsIgnored() {
        TaskState running = applyAll(queued, successfulRun(ID).subList(0, 5));
        assertThat(running.apply(moved(ID, Phase.STARTING_WORKERS, 9))).isSameAs(running);
        assertThat(queued.apply(moved(ID, Phase.RUNNING, 9))).isSameAs(queued);
    }

    @Test
    void nothingMovesATerminalTask() {
        TaskState cancelled = queued.apply(moved(ID, Phase.CANCELLED, 1));
        assertThat(cancelled.apply(moved(ID, Phase.PROVISIONING, 2))).isSameAs(cancelled);
        assertThat(cancelled.apply(moved(ID, Phase.FAILED, 2))).isSameAs(cancelled);
    }

    @Test
    void aCancelMarksTheTaskOnceWithoutMovingIt() {
        TaskState cancelling = queued.apply(new CancelTask(ID, at(5)));
        assertThat(cancelling.cancelRequested()).isTrue();
        assertThat(cancelling.phase()).isEqualTo(Phase.QUEUED);
        assertThat(cancelling.updatedAt()).isEqualTo(at(5));
        assertThat(cancelling.apply(new CancelTask(ID, at(6)))).isSameAs(cancelling);
    }

    @Test
    void aCleanupReportIsRecordedAndAnIncompleteOneCanBeCompletedLater() {
        TaskState done = applyAll(queued, successfulRun(ID));
        TaskState partly = done.apply(new TaskCleanedUp(ID, at(8), DIRECTOR, false, "network busy"));
        assertThat(partly.cleanup()).isEqualTo(new Cleanup(false, at(8)));
        TaskState clean = partly.apply(new TaskCleanedUp(ID, at(20), "reaper", true, null));
        assertThat(clean.cleanup()).isEqualTo(new Cleanup(true, at(20)));
        assertThat(clean.apply(new TaskCleanedUp(ID, at(30), DIRECTOR, false, null))).isSameAs(clean);
        assertThat(clean.apply(new TaskCleanedUp(ID, at(20), "reaper", true, null))).isSameAs(clean);
    }

    @Test
    void aMarkerChangesNothing() {
        assertThat(queued.apply(new StreamMarker("n", at(1)))).isSameAs(queued);
    }

    @Test
    void aMessageAboutAnotherTaskIsRefused() {
        assertThatThrownBy(() -> queued.apply(moved(T_2, Phase.PROVISIONING, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(T_2.value());
    }

    @Test
    void replayingTheWholeLogAgainGivesTheSameState() {
        List<TaskPhaseChanged> run = successfulRun(ID);
        TaskState once = applyAll(queued, run);
        TaskState twice = applyAll(once.apply(requested(ID, 0)), run);
        assertThat(twice).isSameAs(once);
    }

    private static TaskState applyAll(TaskState state, List<? extends TaskMessage> messages) {
        for (var message : messages) {
            state = state.apply(message);
        }
        return state;
    }
}
