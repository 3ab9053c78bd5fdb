package io.atq.gateway.directors;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Whether any director can take tasks, as a gateway's health tells it. */
class DirectorReadinessTest {
    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");
    private static final String FULL_FOLDER = "shared folder /var/lib/atq is full: 3 MiB free, below evidence.minFreeSpace 256 MiB";

    @Test
    void directorsTakingRequestsCanRunTasks() {
        DirectorReadiness readiness = DirectorReadiness.of(List.of(load("d1", 1, 4, 3, null), load("d2", 0, 4, 3, FULL_FOLDER)), NOW);

        assertThat(readiness).isEqualTo(new DirectorReadiness(2, 1, 0, null));
    }

    @Test
    void everyDirectorUnableToRunTasksIsNamedWithItsReason() {
        DirectorReadiness readiness = DirectorReadiness.of(List.of(
                load("d2", 0, 4, 0, "probe image busybox:1.36.1 is missing on this node"),
                load("d1", 0, 4, 0, FULL_FOLDER)), NOW);

        assertThat(readiness.takingTasks()).isZero();
        assertThat(readiness.cannotRunTasks())
                .isEqualTo("d1: " + FULL_FOLDER + "; d2: probe image busybox:1.36.1 is missing on this node");
    }

    @Test
    void directorsPausedForRoomWillTakeTasksAgain() {
        DirectorLoad slotsTaken = load("d1", 4, 4, 8, "at capacity (4/4 tasks)");
        DirectorLoad workerLimit = new DirectorLoad("d2", 1, 4, 200, 200, "worker limit reached", NOW, Duration.ofSeconds(15));

        DirectorReadiness readiness = DirectorReadiness.of(List.of(slotsTaken, workerLimit), NOW);

        assertThat(readiness.full()).isEqualTo(2);
        assertThat(readiness.cannotRunTasks()).isNull();
    }

    @Test
    void silentDirectorsDoNotCount() {
        DirectorLoad gone = new DirectorLoad("d1", 0, 4, 0, 200, FULL_FOLDER, NOW.minusSeconds(60), Duration.ofSeconds(15));

        assertThat(DirectorReadiness.of(List.of(gone), NOW)).isEqualTo(new DirectorReadiness(0, 0, 0, null));
    }

    private static DirectorLoad load(String id, int running, int max, int workers, String paused) {
        return new DirectorLoad(id, running, max, workers, 200, paused, NOW, Duration.ofSeconds(15));
    }
}
