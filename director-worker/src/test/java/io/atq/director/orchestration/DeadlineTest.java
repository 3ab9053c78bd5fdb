package io.atq.director.orchestration;

import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.names.Labels;
import io.atq.director.support.RunFixture;
import io.atq.director.swarm.ReplicaState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.atq.director.support.FakeSwarmClient.all;
import static io.atq.director.support.FakeSwarmClient.running;
import static org.assertj.core.api.Assertions.assertThat;

class DeadlineTest {
    private final RunFixture fixture = new RunFixture();

    @Test
    void aProbeThatNeverFinishesTimesOutInDiscoveringAfterTheDiscoveryBudget() {
        fixture.swarm.script(Labels.Role.PROBE, (poll, n) -> List.of(running(1)));
        fixture.swarm.log(Labels.Role.PROBE, "ATQ-REACHABLE 0 of 3, waiting for 10.0.9.2 port 8080\nATQ-REACHABLE 2 of 3, waiting for 10.0.9.4 port 8080\n");
        Instant start = fixture.clock.instant();
        fixture.run(fixture.request().build());

        assertThat(fixture.events.moves()).containsExactly(
                "QUEUED->PROVISIONING", "PROVISIONING->STARTING_WORKERS", "STARTING_WORKERS->DISCOVERING", "DISCOVERING->TIMED_OUT");
        assertThat(fixture.events.terminal().failure().message())
                .isEqualTo("timed out in DISCOVERING: not done within PT2M (last output: ATQ-REACHABLE 0 of 3, waiting for 10.0.9.2 port 8080 | ATQ-REACHABLE 2 of 3, waiting for 10.0.9.4 port 8080)");
        assertThat(fixture.events.terminal().failure().cause()).isNull();
        assertThat(Duration.between(start, fixture.events.terminal().at())).isBetween(Duration.ofMinutes(2), Duration.ofMinutes(2).plusSeconds(1));
        assertThat(fixture.journal.matching("remove service")).containsExactly("remove service probe", "remove service worker");
    }

    @Test
    void workersThatNeverRunTimeOutInStartingWorkers() {
        fixture.swarm.script(Labels.Role.WORKER, (poll, n) -> all(n, ReplicaState.STARTING));
        fixture.run(fixture.request().build());

        assertThat(fixture.events.moves()).endsWith("PROVISIONING->STARTING_WORKERS", "STARTING_WORKERS->TIMED_OUT");
        assertThat(fixture.events.terminal().failure().message()).startsWith("timed out in STARTING_WORKERS");
    }

    @Test
    void theTasksOwnDeadlineBoundsEveryPhaseBudget() {
        fixture.swarm.script(Labels.Role.WORKER, (poll, n) -> all(n, ReplicaState.STARTING));
        TaskRequested request = fixture.request().timeout(Duration.ofSeconds(30)).build();
        fixture.run(request);

        assertThat(fixture.events.terminal().failure().message())
                .isEqualTo("timed out in STARTING_WORKERS: the task's deadline " + request.deadline() + " passed");
        assertThat(fixture.events.terminal().at()).isBetween(request.deadline(), request.deadline().plusSeconds(1));
    }

    @Test
    void aMasterStillRunningAtTheTaskDeadlineTimesOutInRunningAfterItsLogIsCollected() {
        fixture.swarm.script(Labels.Role.MASTER, (poll, n) -> List.of(running(1)));
        TaskRequested request = fixture.request().timeout(Duration.ofMinutes(5)).build();
        fixture.run(request);

        assertThat(fixture.events.moves()).endsWith("STARTING_MASTER->RUNNING", "RUNNING->TIMED_OUT");
        assertThat(fixture.events.terminal().failure().message()).startsWith("timed out in RUNNING");
        assertThat(fixture.events.terminal().workerAddresses()).hasSize(3);
        assertThat(fixture.journal.matching("master.log", "phase TIMED_OUT", "remove service master"))
                .containsExactly("master.log", "phase TIMED_OUT", "remove service master");
        assertThat(fixture.files.masterLog(request.taskId())).contains("reached");
    }
}
