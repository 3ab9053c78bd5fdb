package io.atq.director.it;

import io.atq.contracts.messages.TaskPhaseChanged;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.phase.FailureCause;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FailingTestTaskIT extends DirectorITSupport {

    @Test
    void aMasterThatExitsThreeFailsTheTaskAsATestFailureWithItsLog() throws Exception {
        TaskRequested request = demoTask(2, Map.of("MODE", "fail"));
        publish(request);

        List<TaskPhaseChanged> events = tap.awaitTerminal(request.taskId(), RUN_LIMIT);

        assertThat(phaseNames(events)).containsExactly("PROVISIONING", "STARTING_WORKERS", "DISCOVERING", "STARTING_MASTER",
                "RUNNING", "COLLECTING", "FAILED");
        TaskPhaseChanged failed = events.getLast();
        assertThat(failed.exitCode()).isEqualTo(3);
        assertThat(failed.failure().cause()).isEqualTo(FailureCause.TEST);
        assertThat(failed.failure().message()).isEqualTo("the master exited with 3");
        assertThat(Files.readString(SHARED_PATH.resolve("tasks").resolve(request.taskId().value()).resolve("master.log")))
                .contains("summary reached=2 total=2");
        assertThat(tap.awaitCleanedUp(request.taskId(), Duration.ofSeconds(45)).complete()).isTrue();
    }
}
