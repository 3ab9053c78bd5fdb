package io.atq.director.it;

import io.atq.contracts.messages.CancelTask;
import io.atq.contracts.messages.TaskPhaseChanged;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.phase.Phase;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CancelledTaskIT extends DirectorITSupport {

    @Test
    void aCancelWhileTheMasterRunsEndsTheTaskQuicklyAndRemovesEverything() throws Exception {
        TaskRequested request = demoTask(2, Map.of("MODE", "ok", "DURATION", "60"));
        publish(request);
        tap.awaitPhase(request.taskId(), Phase.RUNNING, RUN_LIMIT);

        Instant cancelledAt = Instant.now();
        publish(new CancelTask(request.taskId(), cancelledAt));
        List<TaskPhaseChanged> events = tap.awaitTerminal(request.taskId(), Duration.ofSeconds(10));

        assertThat(phaseNames(events)).containsExactly("PROVISIONING", "STARTING_WORKERS", "DISCOVERING", "STARTING_MASTER",
                "RUNNING", "CANCELLED");
        TaskPhaseChanged cancelled = events.getLast();
        assertThat(cancelled.failure().message()).isEqualTo("cancelled in RUNNING");
        assertThat(Duration.between(cancelledAt, cancelled.at())).isLessThan(Duration.ofSeconds(3));
        assertThat(Files.readString(SHARED_PATH.resolve("tasks").resolve(request.taskId().value()).resolve("master.log")))
                .contains("running the load for 60s");
        assertThat(tap.awaitCleanedUp(request.taskId(), Duration.ofSeconds(45)).complete()).isTrue();
    }
}
