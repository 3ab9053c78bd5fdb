package io.atq.gateway.tasks;

import io.atq.contracts.messages.CancelTask;
import io.atq.contracts.messages.StreamMarker;
import io.atq.contracts.messages.TaskMessage;
import io.atq.contracts.phase.Phase;
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
    private final TaskBook book = new TaskBook(3);
    private final List<String> entered = new ArrayList<>();

    TaskBookTest() {
        book.addListener(state -> entered.add(state.id() + ":" + state.phase()));
    }

    @Test
    void aRequestCreatesTheTaskAndAnnouncesQueued() {
        assertThat(book.apply(requested("a", 0))).get().extracting(TaskState::phase).isEqualTo(Phase.QUEUED);
        assertThat(book.find("a")).isPresent();
        assertThat(entered).containsExactly("a:QUEUED");
    }

    @Test
    void listenersHearEveryPhaseInOrderAndNoDuplicates() {
        book.apply(requested("a", 0));
        successfulRun("a").forEach(book::apply);
        successfulRun("a").forEach(book::apply);
        assertThat(entered).containsExactly("a:QUEUED", "a:PROVISIONING", "a:STARTING_WORKERS", "a:DISCOVERING",
                "a:STARTING_MASTER", "a:RUNNING", "a:COLLECTING", "a:SUCCEEDED");
    }

    @Test
    void replayingTheLogFromTheStartChangesNothing() {
        List<TaskMessage> log = new ArrayList<>();
        log.add(requested("a", 0));
        log.addAll(successfulRun("a"));
        log.add(new CancelTask("a", at(3)));
        log.forEach(book::apply);
        TaskState once = book.find("a").orElseThrow();
        log.forEach(book::apply);
        assertThat(book.find("a")).containsSame(once);
        assertThat(book.size()).isEqualTo(1);
    }

    @Test
    void messagesForAnUnknownTaskWaitForItsRequest() {
        assertThat(book.apply(moved("a", Phase.PROVISIONING, 1))).isEmpty();
        assertThat(book.apply(new CancelTask("a", at(2)))).isEmpty();
        assertThat(book.find("a")).isEmpty();
        assertThat(book.pendingCount()).isEqualTo(2);

        TaskState created = book.apply(requested("a", 0)).orElseThrow();
        assertThat(created.phase()).isEqualTo(Phase.PROVISIONING);
        assertThat(created.cancelRequested()).isTrue();
        assertThat(book.pendingCount()).isZero();
        assertThat(entered).containsExactly("a:QUEUED", "a:PROVISIONING");
    }

    @Test
    void aRepeatedPendingMessageIsKeptOnce() {
        book.apply(moved("a", Phase.PROVISIONING, 1));
        book.apply(moved("a", Phase.PROVISIONING, 1));
        assertThat(book.pendingCount()).isEqualTo(1);
    }

    @Test
    void pendingMessagesOverTheLimitDropTheOldestTasksFirst() {
        book.apply(moved("old", Phase.PROVISIONING, 1));
        book.apply(moved("old", Phase.STARTING_WORKERS, 2));
        book.apply(moved("mid", Phase.PROVISIONING, 3));
        book.apply(moved("new", Phase.PROVISIONING, 4));
        assertThat(book.pendingCount()).isEqualTo(2);
        assertThat(book.apply(requested("old", 0))).get().extracting(TaskState::phase).isEqualTo(Phase.QUEUED);
        assertThat(book.apply(requested("new", 0))).get().extracting(TaskState::phase).isEqualTo(Phase.PROVISIONING);
    }

    @Test
    void aMarkerIsNotATaskMessage() {
        assertThat(book.apply(new StreamMarker("n", at(0)))).isEmpty();
        assertThat(book.size()).isZero();
        assertThat(book.pendingCount()).isZero();
    }

    @Test
    void listsNewestFirstFilteredByPhaseAndLimited() {
        book.apply(requested("a", 1));
        book.apply(requested("b", 3));
        book.apply(requested("c", 2));
        book.apply(moved("c", Phase.PROVISIONING, 4));
        assertThat(book.list(null, 10)).extracting(TaskState::id).containsExactly("b", "c", "a");
        assertThat(book.list(null, 2)).extracting(TaskState::id).containsExactly("b", "c");
        assertThat(book.list(Phase.QUEUED, 10)).extracting(TaskState::id).containsExactly("b", "a");
        assertThat(book.list(Phase.RUNNING, 10)).isEmpty();
    }

    @Test
    void aFailingListenerDoesNotStopTheReadModel() {
        book.addListener(state -> {
            throw new IllegalStateException("boom");
        });
        book.apply(requested("a", 0));
        book.apply(moved("a", Phase.PROVISIONING, 1));
        assertThat(book.find("a")).get().extracting(TaskState::phase).isEqualTo(Phase.PROVISIONING);
        assertThat(entered).containsExactly("a:QUEUED", "a:PROVISIONING");
    }
}
