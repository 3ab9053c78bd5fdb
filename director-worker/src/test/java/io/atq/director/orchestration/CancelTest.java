package io.atq.director.orchestration;

import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.names.Labels;
import io.atq.director.support.FakeSwarmClient;
import io.atq.director.support.RunFixture;
import io.atq.director.swarm.ReplicaState;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.atq.director.support.FakeSwarmClient.running;
import static org.assertj.core.api.Assertions.assertThat;

class CancelTest {
    private final RunFixture fixture = new RunFixture();

    @Test
    void aCancelWhileRunningCollectsTheMasterLogThenRecordsCancelledThenCleansUp() {
        TaskRequested request = fixture.request().build();
        fixture.swarm.script(Labels.Role.MASTER, (poll, n) -> {
            if (poll == 3) {
                fixture.cancelled.add(request.taskId());
            }
            return List.of(running(1));
        });
        fixture.run(request);

        assertThat(fixture.events.moves()).containsExactly(
                "QUEUED->PROVISIONING", "PROVISIONING->STARTING_WORKERS", "STARTING_WORKERS->DISCOVERING",
                "DISCOVERING->STARTING_MASTER", "STARTING_MASTER->RUNNING", "RUNNING->CANCELLED");
        assertThat(fixture.events.terminal().failure().message()).isEqualTo("cancelled in RUNNING");
        assertThat(fixture.journal.from("master.log", "phase CANCELLED", "remove", "cleaned up")).containsExactly(
                "master.log", "phase CANCELLED", "remove service master", "remove service worker", "remove network", "cleaned up true");
    }

    @Test
    void aCancelWhileRunningStopsTheMasterWithTheGracePeriodFirstAndRecordsItsExitCode() {
        TaskRequested request = fixture.request().build();
        fixture.swarm.script(Labels.Role.MASTER, (poll, n) -> {
            if (poll == 3) {
                fixture.cancelled.add(request.taskId());
            }
            return List.of(running(1));
        });
        fixture.run(request);

        assertThat(fixture.swarm.stops()).containsExactly("master PT2S");
        assertThat(fixture.events.terminal().exitCode()).isEqualTo(143);
        assertThat(fixture.journal.matching("stop", "master.log", "logs by slot", "phase CANCELLED", "ended-at", "remove service m",
                "remove service w"))
                .containsExactly("stop master", "master.log", "logs by slot worker", "phase CANCELLED", "ended-at",
                        "remove service master", "remove service worker");
    }

    @Test
    void aTimeoutWhileRunningAlsoStopsTheMasterGracefully() {
        TaskRequested request = fixture.request().timeout(java.time.Duration.ofSeconds(5)).build();
        fixture.swarm.script(Labels.Role.MASTER, (poll, n) -> List.of(running(1))).stopExitCode(137);
        fixture.run(request);

        assertThat(fixture.events.moves()).endsWith("STARTING_MASTER->RUNNING", "RUNNING->TIMED_OUT");
        assertThat(fixture.swarm.stops()).containsExactly("master PT2S");
        assertThat(fixture.events.terminal().exitCode()).isEqualTo(137);
    }

    @Test
    void aCancelWhileWorkersStartNeedsNoMasterLog() {
        TaskRequested request = fixture.request().build();
        fixture.swarm.script(Labels.Role.WORKER, (poll, n) -> {
            fixture.cancelled.add(request.taskId());
            return FakeSwarmClient.all(n, ReplicaState.STARTING);
        });
        fixture.run(request);

        assertThat(fixture.events.moves()).endsWith("PROVISIONING->STARTING_WORKERS", "STARTING_WORKERS->CANCELLED");
        assertThat(fixture.journal.matching("master.log", "logs master", "stop")).isEmpty();
        assertThat(fixture.journal.matching("logs by slot worker")).hasSize(1);
        assertThat(fixture.swarm.serviceNames()).isEmpty();
    }
}
