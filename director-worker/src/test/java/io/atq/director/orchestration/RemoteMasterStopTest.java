package io.atq.director.orchestration;

import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.names.Labels;
import io.atq.contracts.phase.Phase;
import io.atq.director.support.RunFixture;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.atq.director.support.FakeSwarmClient.running;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A master on another node than its director is stopped through Swarm (this node's engine does not have its
 * container), with the service's grace period, and its exit code and log are kept as for a local one.
 */
class RemoteMasterStopTest {
    private final RunFixture fixture = new RunFixture();

    @Test
    void aCancelStopsAMasterOnAnotherNodeThroughSwarmAndKeepsItsExitCode() {
        TaskRequested request = fixture.request().build();
        fixture.swarm.elsewhere(Labels.Role.MASTER).script(Labels.Role.MASTER, (poll, n) -> {
            if (poll == 3) {
                fixture.cancelled.add(request.taskId());
            }
            return List.of(running(1));
        });

        fixture.run(request);

        assertThat(fixture.swarm.stops()).containsExactly("master PT2S through Swarm");
        assertThat(fixture.events.terminal().phase()).isEqualTo(Phase.CANCELLED);
        assertThat(fixture.events.terminal().exitCode()).isEqualTo(143);
        assertThat(fixture.journal.matching("stop", "master.log", "phase CANCELLED", "remove service m"))
                .containsExactly("stop master", "master.log", "phase CANCELLED", "remove service master");
    }

    @Test
    void aTimeoutDoesTheSame() {
        TaskRequested request = fixture.request().timeout(Duration.ofSeconds(5)).build();
        fixture.swarm.elsewhere(Labels.Role.MASTER).script(Labels.Role.MASTER, (poll, n) -> List.of(running(1)));

        fixture.run(request);

        assertThat(fixture.swarm.stops()).containsExactly("master PT2S through Swarm");
        assertThat(fixture.events.terminal().phase()).isEqualTo(Phase.TIMED_OUT);
        assertThat(fixture.events.terminal().exitCode()).isEqualTo(143);
    }

    @Test
    void aMasterOnThisNodeIsStoppedByItsEngineAsBefore() {
        TaskRequested request = fixture.request().timeout(Duration.ofSeconds(5)).build();
        fixture.swarm.script(Labels.Role.MASTER, (poll, n) -> List.of(running(1)));

        fixture.run(request);

        assertThat(fixture.swarm.stops()).containsExactly("master PT2S");
    }
}
