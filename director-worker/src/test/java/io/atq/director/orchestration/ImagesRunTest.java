package io.atq.director.orchestration;

import io.atq.contracts.messages.TaskPhaseChanged;
import io.atq.contracts.names.Labels;
import io.atq.contracts.phase.Phase;
import io.atq.director.support.FakeSwarmClient;
import io.atq.director.support.RunFixture;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A run records the image each role ran: the worker's from STARTING_WORKERS on, the master's from STARTING_MASTER on. */
class ImagesRunTest {
    private final RunFixture fixture = new RunFixture();

    @Test
    void reportsTheImagesTheServicesWereCreatedFromOnTheEventsThatStartThem() {
        fixture.run(fixture.request().build());

        String worker = fixture.swarm.created(Labels.Role.WORKER).imageId();
        String master = fixture.swarm.created(Labels.Role.MASTER).imageId();
        assertThat(worker).startsWith("sha256:").isNotEqualTo(master);
        assertThat(images(Phase.PROVISIONING)).isEmpty();
        assertThat(images(Phase.STARTING_WORKERS)).isEqualTo(Map.of("worker", worker));
        assertThat(images(Phase.DISCOVERING)).isEqualTo(Map.of("worker", worker));
        assertThat(images(Phase.STARTING_MASTER)).isEqualTo(Map.of("worker", worker, "master", master));
        assertThat(images(Phase.SUCCEEDED)).isEqualTo(Map.of("worker", worker, "master", master));
    }

    @Test
    void aRunThatFailsBeforeTheMasterReportsOnlyTheWorkersImage() {
        fixture.swarm.script(Labels.Role.PROBE, (poll, n) -> List.of(FakeSwarmClient.rejected(1, "no such network")));
        fixture.run(fixture.request().build());

        String worker = fixture.swarm.created(Labels.Role.WORKER).imageId();
        assertThat(fixture.events.terminal().phase()).isEqualTo(Phase.FAILED);
        assertThat(fixture.events.terminal().images()).isEqualTo(Map.of("worker", worker));
    }

    private Map<String, String> images(Phase phase) {
        TaskPhaseChanged event = fixture.events.event(phase);
        return event.images();
    }
}
