package io.atq.gateway.tasks;

import io.atq.contracts.messages.MasterSpec;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.messages.TaskSpec;
import io.atq.contracts.messages.WorkerSpec;
import io.atq.contracts.phase.Phase;
import io.atq.contracts.tasks.TaskId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.atq.gateway.tasks.TaskMessages.at;
import static io.atq.gateway.tasks.TaskMessages.moved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Listing tasks: phase and label filters (AND), newest first, paged by cursor without duplicates or gaps. */
class TaskListPagingTest {
    private final TaskBook book = new TaskBook(100);

    @Test
    void walksEveryPageOnceInNewestFirstOrderIncludingTasksCreatedAtTheSameInstant() {
        List<TaskId> all = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            // Pairs share a creation time: the id must break the tie the same way on every page.
            all.add(submit(i, i / 2, Map.of("branch", "main")));
        }
        List<TaskId> walked = walk(new TaskQuery(null, List.of(), 5, null), 5);

        assertThat(walked).hasSize(23).doesNotHaveDuplicates();
        assertThat(walked).containsExactlyElementsOf(book.page(new TaskQuery(null, List.of(), 500, null)).items()
                .stream().map(TaskState::id).toList());
        assertThat(book.find(walked.getFirst()).orElseThrow().createdAt()).isEqualTo(at(11));
    }

    @Test
    void aTaskArrivingBetweenPagesNeitherRepeatsNorHidesOlderOnes() {
        for (int i = 0; i < 6; i++) {
            submit(i, i, Map.of());
        }
        TaskPage first = book.page(new TaskQuery(null, List.of(), 3, null));
        submit(99, 100, Map.of()); // newer than everything: it belongs before page one
        TaskPage second = book.page(new TaskQuery(null, List.of(), 3, first.next()));

        Set<TaskId> seen = new HashSet<>(first.items().stream().map(TaskState::id).toList());
        second.items().forEach(task -> assertThat(seen.add(task.id())).as("repeated %s", task.id()).isTrue());
        assertThat(seen).hasSize(6);
        assertThat(second.next()).isNull();
    }

    @Test
    void labelFiltersMustAllMatchAndCombineWithThePhase() {
        TaskId mainRunning = submit(1, 1, Map.of("branch", "main", "commit", "abc"));
        TaskId mainQueued = submit(2, 2, Map.of("branch", "main", "commit", "def"));
        submit(3, 3, Map.of("branch", "dev", "commit", "abc"));
        book.apply(moved(mainRunning, Phase.PROVISIONING, 10));

        assertThat(ids(new TaskQuery(null, List.of(LabelFilter.parse("branch:main")), 50, null)))
                .containsExactly(mainQueued, mainRunning);
        assertThat(ids(new TaskQuery(null, List.of(LabelFilter.parse("branch:main"), LabelFilter.parse("commit:abc")), 50, null)))
                .containsExactly(mainRunning);
        assertThat(ids(new TaskQuery(Phase.QUEUED, List.of(LabelFilter.parse("branch:main")), 50, null)))
                .containsExactly(mainQueued);
        assertThat(ids(new TaskQuery(null, List.of(LabelFilter.parse("branch:nope")), 50, null))).isEmpty();
    }

    @Test
    void aLabelValueMayContainColonsButKeyAndValueMustNotBeEmpty() {
        assertThat(LabelFilter.parse("pipeline:https://ci.example/p/1")).isEqualTo(new LabelFilter("pipeline", "https://ci.example/p/1"));
        for (String bad : List.of("branch", "branch:", ":main", "")) {
            assertThatThrownBy(() -> LabelFilter.parse(bad)).isInstanceOf(InvalidQueryException.class)
                    .satisfies(e -> assertThat(((InvalidQueryException) e).getParameter()).isEqualTo("label"));
        }
    }

    @Test
    void theLastPageHasNoCursorAndAnEmptyListHasNoPages() {
        assertThat(book.page(new TaskQuery(null, List.of(), 5, null))).isEqualTo(new TaskPage(List.of(), null));
        submit(1, 1, Map.of());
        submit(2, 2, Map.of());
        assertThat(book.page(new TaskQuery(null, List.of(), 2, null)).next()).isNull();
        assertThat(book.page(new TaskQuery(null, List.of(), 1, null)).next()).isNotNull();
    }

    private List<TaskId> walk(TaskQuery first, int limit) {
        List<TaskId> ids = new ArrayList<>();
        TaskQuery query = first;
        for (int pages = 0; pages < 100; pages++) {
            TaskPage page = book.page(query);
            assertThat(page.items().size()).isLessThanOrEqualTo(limit);
            page.items().forEach(task -> ids.add(task.id()));
            if (page.next() == null) {
                return ids;
            }
            // Through the token, as a client would carry it.
            PageCursor cursor = PageCursor.decode(page.next().encode(query.fingerprint()), query.fingerprint());
            query = new TaskQuery(query.phase(), query.labels(), limit, cursor);
        }
        throw new AssertionError("more than 100 pages");
    }

    private List<TaskId> ids(TaskQuery query) {
        return book.page(query).items().stream().map(TaskState::id).toList();
    }

    private TaskId submit(int n, int seconds, Map<String, String> labels) {
        TaskId id = TaskId.parse("00000000-0000-4000-8000-%012d".formatted(n));
        book.apply(new TaskRequested(id, new TaskSpec("t" + n, new WorkerSpec("atq/demo-worker:1", 1, Map.of("MODE", "node"), null),
                new MasterSpec("atq/demo-master:1", Map.of("MODE", "master")), Duration.ofMinutes(5), labels, null, null), at(seconds)));
        return id;
    }
}
