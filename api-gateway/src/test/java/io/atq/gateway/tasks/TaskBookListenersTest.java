package io.atq.gateway.tasks;

import io.atq.contracts.phase.Phase;
import io.atq.contracts.tasks.TaskId;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.atq.gateway.tasks.TaskMessages.requested;
import static io.atq.gateway.tasks.TaskMessages.successfulRun;
import static org.assertj.core.api.Assertions.assertThat;

/** Listeners hear every phase once, in log order, one call at a time, and never while the book is locked. */
class TaskBookListenersTest {
    private static final TaskId FIRST = TaskId.parse("00000000-0000-4000-8000-000000000001");
    private static final TaskId SECOND = TaskId.parse("00000000-0000-4000-8000-000000000002");
    private final TaskBook book = new TaskBook(100);

    @Test
    void writersOnManyThreadsAreHeardOncePerPhaseInOrderAndOneCallAtATime() throws Exception {
        Map<TaskId, List<Phase>> heard = new ConcurrentHashMap<>();
        AtomicBoolean inside = new AtomicBoolean();
        AtomicInteger overlaps = new AtomicInteger();
        book.addListener(state -> {
            if (!inside.compareAndSet(false, true)) {
                overlaps.incrementAndGet();
            }
            heard.computeIfAbsent(state.id(), id -> new ArrayList<>()).add(state.phase());
            inside.set(false);
        });
        int threads = 4;
        int tasksEach = 200;
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < tasksEach; i++) {
                        TaskId id = TaskId.random();
                        book.apply(requested(id, 0));
                        successfulRun(id).forEach(book::apply);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        }

        assertThat(overlaps).hasValue(0);
        assertThat(heard).hasSize(threads * tasksEach);
        assertThat(heard.values()).allSatisfy(phases -> assertThat(phases).containsExactly(Phase.QUEUED, Phase.PROVISIONING,
                Phase.STARTING_WORKERS, Phase.DISCOVERING, Phase.STARTING_MASTER, Phase.RUNNING, Phase.COLLECTING, Phase.SUCCEEDED));
    }

    @Test
    void aSlowListenerDoesNotHoldUpTheNextWriteAndHearsItAfterwards() throws Exception {
        CountDownLatch slowStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<TaskId> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        book.addListener(state -> {
            heard.add(state.id());
            if (state.id().equals(FIRST)) {
                slowStarted.countDown();
                await(release);
            }
        });
        Thread slow = Thread.ofPlatform().start(() -> book.apply(requested(FIRST, 0)));
        assertThat(slowStarted.await(10, TimeUnit.SECONDS)).isTrue();

        // The first writer is still inside its listener: this write is not blocked by it.
        book.apply(requested(SECOND, 1));
        assertThat(book.find(SECOND)).isPresent();
        assertThat(heard).containsExactly(FIRST);

        release.countDown();
        slow.join(10_000);
        assertThat(heard).containsExactly(FIRST, SECOND);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
