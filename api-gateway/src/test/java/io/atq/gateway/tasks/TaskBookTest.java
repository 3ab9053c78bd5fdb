package io.atq.gateway.tasks;

import io.atq.contracts.messages.CancelTask;
import io.atq.contracts.messages.StreamMarker;
import io.atq.contracts.messages.TaskMessage;
import io.atq.contracts.phase.Phase;
import io.atq.contracts.tasks.TaskId;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.atq.gateway.tasks.TaskMessages.at;
import static io.atq.gateway.tasks.TaskMessages.moved;
import static io.atq.gateway.tasks.TaskMessages.requested;
import static io.atq.gateway.tasks.TaskMessages.successfulRun;
import static org.assertj.core.api.Assertions.assertThat;

/** The book of all tasks: creation, pending messages, replay, listeners, listing. */
class TaskBookTest {
    private static final TaskId A = TaskId.parse("00000000-0000-4000-8000-000000000001");
    private static final TaskId B = TaskId.parse("00000000-0000-4000-8000-000000000002");
    private static final TaskId C = TaskId.parse("00000000-0000-4000-8000-000000000003");
    private static final TaskId OLD = TaskId.parse("00000000-0000-4000-8000-000000000004");
    private static final TaskId MID = TaskId.parse("00000000-0000-4000-8000-000000000005");
    private static final TaskId NEW = TaskId.parse("00000000-0000-4000-8000-000000000006");
    private final TaskBook book = new TaskBook(3);
    private final List<String> entered = new ArrayList<>();

    TaskBookTest() {
        book.addListener(state -> entered.add(state.id() + ":" + state.phase()));
    }

    @Test
    void aRequestCreatesTheTaskAndAnnouncesQueued() {
        assertThat(book.apply(requested(A, 0))).get().extracting(TaskState::phase).isEqualTo(Phase.QUEUED);
        assertThat(book.find(A)).isPresent();
        assertThat(entered).containsExactly(A + ":QUEUED");
    }

    @Test
    void listenersHearEveryPhaseInOrderAndNoDuplicates() {
        book.apply(requested(A, 0));
        successfulRun(A).forEach(book::apply);
        successfulRun(A).forEach(book::apply);
        assertThat(entered).containsExactly(A + ":QUEUED", A + ":PROVISIONING", A + ":STARTING_WORKERS", A + ":DISCOVERING",
                A + ":STARTING_MASTER", A + ":RUNNING", A + ":COLLECTING", A + ":SUCCEEDED");
    }

    @Test
    void replayingTheLogFromTheStartChangesNothing() {
        List<TaskMessage> log = new ArrayList<>();
        log.add(requested(A, 0));
        log.addAll(successfulRun(A));
        log.add(new CancelTask(A, at(3)));
        log.forEach(book::apply);
        TaskState once = book.find(A).orElseThrow();
        log.forEach(book::apply);
        assertThat(book.find(A)).containsSame(once);
        assertThat(book.size()).isEqualTo(1);
    }

    @Test
    void messagesForAnUnknownTaskWaitForItsRequest() {
        assertThat(book.apply(moved(A, Phase.PROVISIONING, 1))).isEmpty();
        assertThat(book.apply(new CancelTask(A, at(2)))).isEmpty();
        assertThat(book.find(A)).isEmpty();
        assertThat(book.pendingCount()).isEqualTo(2);

        TaskState created = book.apply(requested(A, 0)).orElseThrow();
        assertThat(created.phase()).isEqualTo(Phase.PROVISIONING);
        assertThat(created.cancelRequested()).isTrue();
        assertThat(book.pendingCount()).isZero();
        assertThat(entered).containsExactly(A + ":QUEUED", A + ":PROVISIONING");
    }

    @Test
    void aRepeatedPendingMessageIsKeptOnce() {
        book.apply(moved(A, Phase.PROVISIONING, 1));
        book.apply(moved(A, Phase.PROVISIONING, 1));
        assertThat(book.pendingCount()).isEqualTo(1);
    }

    @Test
    void pendingMessagesOverTheLimitDropTheOldestTasksFirst() {
        book.apply(moved(OLD, Phase.PROVISIONING, 1));
        book.apply(moved(OLD, Phase.STARTING_WORKERS, 2));
        book.apply(moved(MID, Phase.PROVISIONING, 3));
        book.apply(moved(NEW, Phase.PROVISIONING, 4));
        assertThat(book.pendingCount()).isEqualTo(2);
        assertThat(book.apply(requested(OLD, 0))).get().extracting(TaskState::phase).isEqualTo(Phase.QUEUED);
        assertThat(book.apply(requested(NEW, 0))).get().extracting(TaskState::phase).isEqualTo(Phase.PROVISIONING);
    }

    @Test
    void aMarkerIsNotATaskMessage() {
        assertThat(book.apply(new StreamMarker("n", at(0)))).isEmpty();
        assertThat(book.size()).isZero();
        assertThat(book.pendingCount()).isZero();
    }

    @Test
    void listsNewestFirstFilteredByPhaseAndLimited() {
        book.apply(requested(A, 1));
        book.apply(requested(B, 3));
        book.apply(requested(C, 2));
        book.apply(moved(C, Phase.PROVISIONING, 4));
        assertThat(book.list(null, 10)).extracting(TaskState::id).containsExactly(B, C, A);
        assertThat(book.list(null, 2)).extracting(TaskState::id).containsExactly(B, C);
        assertThat(book.list(Phase.QUEUED, 10)).extracting(TaskState::id).containsExactly(B, A);
        assertThat(book.list(Phase.RUNNING, 10)).isEmpty();
    }

    @Test
    void aFailingListenerDoesNotStopTheReadModel() {
        book.addListener(state -> {
            throw new IllegalStateException("boom");
        });
        book.apply(requested(A, 0));
        book.apply(moved(A, Phase.PROVISIONING, 1));
        assertThat(book.find(A)).get().extracting(TaskState::phase).isEqualTo(Phase.PROVISIONING);
        assertThat(entered).containsExactly(A + ":QUEUED", A + ":PROVISIONING");
    }
}
