package io.atq.gateway.tenancy;

import io.atq.contracts.config.ClientConfig;
import io.atq.contracts.config.ClientRole;
import io.atq.contracts.messages.MasterSpec;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.messages.TaskSpec;
import io.atq.contracts.messages.WorkerSpec;
import io.atq.contracts.tasks.TaskId;
import io.atq.gateway.tasks.TaskBook;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The one lookup every route with a task id uses: malformed, unknown and another client's ids all find nothing. */
class TaskLookupByIdTest {
    private final ClientConfig teamA = new ClientConfig("team-a", ClientRole.SUBMITTER, "0".repeat(64), null, 2, 5);
    private final ClientConfig teamB = new ClientConfig("team-b", ClientRole.SUBMITTER, "1".repeat(64), null, 2, 5);
    private final ClientConfig admin = new ClientConfig("ops", ClientRole.ADMIN, "2".repeat(64), null, 1, 1);
    private final TaskBook book = new TaskBook(100);

    private String requestedBy(String owner, String id) {
        TaskSpec spec = new TaskSpec("t", new WorkerSpec("atq/demo-worker:1", 1, Map.of(), null),
                new MasterSpec("atq/demo-master:1", Map.of()), Duration.ofMinutes(5));
        book.apply(new TaskRequested(TaskId.parse(id), spec, Instant.parse("2026-01-01T10:00:00Z"), owner, UUID.randomUUID().toString(), null, null));
        return id;
    }

    @Test
    void findsTheOwnersTaskForItsOwnerAndForAnAdmin() {
        String id = requestedBy("team-a", UUID.randomUUID().toString());

        assertThat(TaskAccess.find(book, teamA, id)).hasValueSatisfying(task -> assertThat(task.id().value()).isEqualTo(id));
        assertThat(TaskAccess.find(book, admin, id)).isPresent();
    }

    @Test
    void findsNothingForAnotherClientAsForAnUnknownId() {
        String id = requestedBy("team-a", UUID.randomUUID().toString());

        assertThat(TaskAccess.find(book, teamB, id)).isEmpty();
        assertThat(TaskAccess.find(book, teamB, UUID.randomUUID().toString())).isEmpty();
    }

    @Test
    void findsNothingForAnIdThatCannotBeATask() {
        // The route's path variable is parsed here: anything but a lower-case UUID never reaches the book.
        String id = requestedBy("team-a", UUID.randomUUID().toString());

        assertThat(TaskAccess.find(book, admin, "../../etc")).isEmpty();
        assertThat(TaskAccess.find(book, admin, id.toUpperCase())).isEmpty();
        assertThat(TaskAccess.find(book, admin, null)).isEmpty();
        assertThat(TaskAccess.find(book, admin, id)).isPresent();
    }
}
