package io.atq.director.it;

import io.atq.contracts.messages.CancelTask;
import io.atq.contracts.messages.MasterSpec;
import io.atq.contracts.messages.TaskPhaseChanged;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.messages.TaskSpec;
import io.atq.contracts.messages.WorkerSpec;
import io.atq.contracts.phase.Phase;
import io.atq.contracts.tasks.TaskId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Discovery that never completes, for real: the workers run and Swarm lists their addresses, but the request names a
 * port none of them listens on, so the probe keeps waiting. A cancel, or the task's deadline, must still end the task and remove everything.
 */
class StuckDiscoveryIT extends DirectorITSupport {
    /** The demo workers listen on 8080 only. */
    private static final int NOBODY_LISTENS = 9;

    private static TaskRequested stuckInDiscovery(Duration timeout) {
        return new TaskRequested(TaskId.random(),
                new TaskSpec("it", new WorkerSpec("atq/demo-worker:1", 2, Map.of("MODE", "ok"), NOBODY_LISTENS),
                        new MasterSpec("atq/demo-master:1", Map.of("MODE", "ok")), timeout),
                Instant.now());
    }

    @Test
    void aCancelDuringDiscoveryEndsTheTaskWithinSecondsAndRemovesEverything() {
        TaskRequested request = stuckInDiscovery(Duration.ofMinutes(2));
        publish(request);
        tap.awaitPhase(request.taskId(), Phase.DISCOVERING, RUN_LIMIT);
        // Let the probe start and fail on the port.
        sleep(Duration.ofSeconds(2));

        Instant cancelledAt = Instant.now();
        publish(new CancelTask(request.taskId(), cancelledAt));
        List<TaskPhaseChanged> events = tap.awaitTerminal(request.taskId(), Duration.ofSeconds(15));

        assertThat(phaseNames(events)).containsExactly("PROVISIONING", "STARTING_WORKERS", "DISCOVERING", "CANCELLED");
        assertThat(events.getLast().failure().message()).isEqualTo("cancelled in DISCOVERING");
        Duration reaction = Duration.between(cancelledAt, events.getLast().at());
        System.out.printf("[numbers] cancel during DISCOVERING: CANCELLED after %d ms%n", reaction.toMillis());
        assertThat(reaction).isLessThan(Duration.ofSeconds(5));
        assertThat(tap.awaitCleanedUp(request.taskId(), Duration.ofSeconds(45)).complete()).isTrue();
    }

    @Test
    void aDiscoveryThatOutlivesTheTasksDeadlineTimesOutNamingThePhase() {
        TaskRequested request = stuckInDiscovery(Duration.ofSeconds(15));
        publish(request);

        List<TaskPhaseChanged> events = tap.awaitTerminal(request.taskId(), RUN_LIMIT);

        assertThat(phaseNames(events)).containsExactly("PROVISIONING", "STARTING_WORKERS", "DISCOVERING", "TIMED_OUT");
        String message = events.getLast().failure().message();
        System.out.printf("[numbers] stuck discovery: TIMED_OUT %d ms after the deadline: %s%n",
                Duration.between(request.deadline(), events.getLast().at()).toMillis(), message);
        assertThat(message).startsWith("timed out in DISCOVERING: the task's deadline")
                .containsPattern("ATQ-REACHABLE 0 of 2, waiting for 10\\.[0-9.]+ port " + NOBODY_LISTENS);
        assertThat(events.getLast().at()).isAfterOrEqualTo(request.deadline());
        assertThat(tap.awaitCleanedUp(request.taskId(), Duration.ofSeconds(45)).complete()).isTrue();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
