package io.atq.director.readiness;

import io.atq.contracts.runtime.SharedFolderState;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static io.atq.director.readiness.RunReadiness.ImagePresence.MISSING;
import static io.atq.director.readiness.RunReadiness.ImagePresence.PRESENT;
import static io.atq.director.readiness.RunReadiness.ImagePresence.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

class RunReadinessTest {
    private static final SharedFolderState ROOMY = new SharedFolderState(Path.of("/var/lib/atq"), true, 1L << 30, 1L << 20, null);
    private static final SharedFolderState FULL = new SharedFolderState(Path.of("/var/lib/atq"), true, 0, 1L << 20,
            "shared folder /var/lib/atq is full: 0 MiB free, below evidence.minFreeSpace 1 MiB");

    @Test
    void readyWithTheProbeImageAndRoomForEvidence() {
        assertThat(RunReadiness.unreadyReason("atq/probe:1", PRESENT, ROOMY)).isNull();
    }

    @Test
    void aMissingProbeImageIsNamed() {
        assertThat(RunReadiness.unreadyReason("busybox:1.36.1", MISSING, ROOMY))
                .isEqualTo("probe image busybox:1.36.1 is missing on this node");
    }

    @Test
    void aFullSharedFolderGivesTheFolderCheckReason() {
        assertThat(RunReadiness.unreadyReason("atq/probe:1", PRESENT, FULL)).isEqualTo(FULL.problem());
    }

    @Test
    void bothProblemsAreTold() {
        assertThat(RunReadiness.unreadyReason("atq/probe:1", MISSING, FULL))
                .isEqualTo("probe image atq/probe:1 is missing on this node; " + FULL.problem());
    }

    @Test
    void anImageDockerCouldNotBeAskedAboutIsNotJudged() {
        // Docker outages pause intake through the docker circuit; this check must not add a second, wrong reason.
        assertThat(RunReadiness.unreadyReason("atq/probe:1", UNKNOWN, ROOMY)).isNull();
    }
}
