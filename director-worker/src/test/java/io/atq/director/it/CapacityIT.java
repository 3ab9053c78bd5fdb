package io.atq.director.it;

import io.atq.contracts.messages.TaskPhaseChanged;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.phase.Phase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Capacity on the real broker and swarm: a full director takes no message at all (the rest wait ready in the queue,
 * with no consumer), every request is delivered exactly once (no {@code x-delivery-count}), and tasks run in
 * submission order as slots and workers free up.
 */
class CapacityIT {
    private static final Duration RUN = Duration.ofSeconds(90);

    private static TaskRequested task(int workers) {
        return DirectorITSupport.demoTask(workers, Map.of("MODE", "ok", "TEST_NAME", "it", "DURATION", "3"));
    }

    @Test
    void aDirectorWithOneSlotRunsThreeTasksOneAfterTheOtherInSubmissionOrder() throws Exception {
        try (IsolatedDirector director = new IsolatedDirector(yaml -> yaml + "\ncapacity: {maxTasksPerDirector: 1, maxWorkers: 200}\n", Map.of())) {
            awaitConsuming(director);
            List<TaskRequested> tasks = List.of(task(1), task(1), task(1));
            tasks.forEach(director::publish);

            director.tap.awaitPhase(tasks.get(0).taskId(), Phase.RUNNING, RUN);
            // While the first runs, the others wait in the broker's queue: ready, and nobody consuming.
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                int[] queue = director.requestQueue();
                return queue[0] == 2 && queue[1] == 0;
            });
            assertThat(director.tap.phases(tasks.get(1).taskId())).isEmpty();

            for (TaskRequested task : tasks) {
                assertThat(director.tap.awaitTerminal(task.taskId(), RUN)).last().extracting(TaskPhaseChanged::phase).isEqualTo(Phase.SUCCEEDED);
                director.tap.awaitCleanedUp(task.taskId(), RUN);
            }
            assertOneAfterTheOther(director, tasks);
            assertThat(director.deliveryCounts).as("x-delivery-count of each delivery").containsExactly("none", "none", "none");
        }
    }

    @Test
    void twoThreeWorkerTasksUnderAFourWorkerLimitRunOneAfterTheOther() throws Exception {
        try (IsolatedDirector director = new IsolatedDirector(yaml -> yaml + "\ncapacity: {maxTasksPerDirector: 2, maxWorkers: 4}\n", Map.of())) {
            awaitConsuming(director);
            List<TaskRequested> tasks = List.of(task(3), task(3));
            tasks.forEach(director::publish);

            for (TaskRequested task : tasks) {
                assertThat(director.tap.awaitTerminal(task.taskId(), RUN)).last().extracting(TaskPhaseChanged::phase).isEqualTo(Phase.SUCCEEDED);
                director.tap.awaitCleanedUp(task.taskId(), RUN);
            }
            assertOneAfterTheOther(director, tasks);
            // The second was handed back once as a new message (a copy), never returned: no delivery was counted.
            assertThat(director.deliveryCounts).allMatch("none"::equals).hasSizeBetween(2, 3);
        }
    }

    private static void awaitConsuming(IsolatedDirector director) {
        await().atMost(Duration.ofSeconds(60)).until(() -> director.requestQueue()[1] == 1);
    }

    /** Each task's first phase comes after the previous task's clean-up, in submission order. */
    private static void assertOneAfterTheOther(IsolatedDirector director, List<TaskRequested> tasks) {
        List<Instant[]> spans = new ArrayList<>();
        for (TaskRequested task : tasks) {
            Instant first = director.tap.phases(task.taskId()).stream().map(TaskPhaseChanged::at).min(Comparator.naturalOrder()).orElseThrow();
            Instant cleaned = director.tap.cleanedUp(task.taskId()).orElseThrow().at();
            spans.add(new Instant[]{first, cleaned});
        }
        for (int i = 1; i < spans.size(); i++) {
            assertThat(spans.get(i)[0]).as("task %d starts after task %d was removed", i + 1, i).isAfterOrEqualTo(spans.get(i - 1)[1]);
        }
    }
}
