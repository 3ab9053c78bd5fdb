package io.atq.director.it;

import io.atq.contracts.messages.TaskCleanedUp;
import io.atq.contracts.messages.TaskPhaseChanged;
import io.atq.contracts.messages.TaskRequested;
import io.atq.director.DirectorApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The same TaskRequested delivered twice, to one director or to two at once, yields one environment and one phase sequence. */
class DuplicateDeliveryIT extends DirectorITSupport {
    private static final List<String> ONE_RUN = List.of("PROVISIONING", "STARTING_WORKERS", "DISCOVERING", "STARTING_MASTER",
            "RUNNING", "COLLECTING", "SUCCEEDED");

    @Test
    void theSameRequestDeliveredTwiceToOneDirectorRunsOnce() {
        TaskRequested request = demoTask(2, Map.of("MODE", "ok"));
        publish(request);
        publish(request);

        assertRanOnce(request);
    }

    @Test
    void theSameRequestDeliveredToTwoDirectorsAtOnceRunsOnceOnOneOfThem() {
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(DirectorApplication.class)
                .properties(secondDirector("it-director-2")).run()) {
            int runs = 4;
            for (int i = 0; i < runs; i++) {
                TaskRequested request = demoTask(1, Map.of("MODE", "ok"));
                // Each director holds one unacknowledged message at a time: the two copies go to both directors.
                publish(request);
                publish(request);
                assertRanOnce(request);
            }
        }
    }

    private void assertRanOnce(TaskRequested request) {
        tap.awaitTerminal(request.taskId(), RUN_LIMIT);
        tap.awaitCleanedUp(request.taskId(), Duration.ofSeconds(45));
        sleepABit(); // a late duplicate would show up now
        List<TaskPhaseChanged> events = tap.phases(request.taskId());
        assertThat(phaseNames(events)).containsExactlyElementsOf(ONE_RUN);
        assertThat(events).extracting(TaskPhaseChanged::director).as("one writer").containsOnly(events.getFirst().director());
        assertThat(tap.all(request.taskId())).filteredOn(m -> m instanceof TaskCleanedUp).hasSize(1);
        System.out.printf("[duplicates] %s ran once on %s%n", request.taskId(), events.getFirst().director());
    }

    private static void sleepABit() {
        try {
            Thread.sleep(1500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
