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
    void aCancelWhileWorkersStartNeedsNoMasterLog() {
        TaskRequested request = fixture.request().build();
        fixture.swarm.script(Labels.Role.WORKER, (poll, n) -> {
            fixture.cancelled.add(request.taskId());
            return FakeSwarmClient.all(n, ReplicaState.STARTING);
        });
        fixture.run(request);

        assertThat(fixture.events.moves()).endsWith("PROVISIONING->STARTING_WORKERS", "STARTING_WORKERS->CANCELLED");
        assertThat(fixture.journal.matching("master.log", "logs")).isEmpty();
        assertThat(fixture.swarm.serviceNames()).isEmpty();
    }
}
