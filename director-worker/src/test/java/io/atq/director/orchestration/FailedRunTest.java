package io.atq.director.orchestration;

import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.names.Labels;
import io.atq.contracts.phase.FailureCause;
import io.atq.director.support.RunFixture;
import io.atq.director.swarm.ReplicaState;
import io.atq.director.swarm.SwarmException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.atq.director.support.FakeSwarmClient.all;
import static io.atq.director.support.FakeSwarmClient.complete;
import static io.atq.director.support.FakeSwarmClient.rejected;
import static io.atq.director.support.FakeSwarmClient.running;
import static org.assertj.core.api.Assertions.assertThat;

class FailedRunTest {
    private final RunFixture fixture = new RunFixture();

    @Test
    void masterExitingThreeIsATestFailureWithThatExitCode() {
        fixture.swarm.script(Labels.Role.MASTER, (poll, n) -> poll < 2 ? List.of(running(1)) : List.of(complete(1, 3)));
        TaskRequested request = fixture.request().build();
        fixture.run(request);

        assertThat(fixture.events.moves()).endsWith("STARTING_MASTER->RUNNING", "RUNNING->COLLECTING", "COLLECTING->FAILED");
        assertThat(fixture.events.terminal().exitCode()).isEqualTo(3);
        assertThat(fixture.events.terminal().failure().cause()).isEqualTo(FailureCause.TEST);
        assertThat(fixture.files.masterLog(request.taskId())).isNotNull();
    }

    @Test
    void aWorkerTaskThatFailsWhileStartingIsAnInfrastructureFailure() {
        fixture.swarm.script(Labels.Role.WORKER, (poll, n) -> List.of(running(1), complete(2, 1), running(3)));
        fixture.run(fixture.request().build());

        assertThat(fixture.events.moves()).containsExactly(
                "QUEUED->PROVISIONING", "PROVISIONING->STARTING_WORKERS", "STARTING_WORKERS->FAILED");
        assertThat(fixture.events.terminal().failure().cause()).isEqualTo(FailureCause.INFRA);
        assertThat(fixture.events.terminal().failure().message()).isEqualTo("worker task 2 ended: failed task: non-zero exit (1)");
        assertThat(fixture.events.terminal().exitCode()).isNull();
    }

    @Test
    void aWorkerThatDiesWhileTheMasterRunsFailsTheTaskAndStillCollectsTheMasterLog() {
        fixture.swarm.script(Labels.Role.WORKER, (poll, n) -> poll < 4 ? all(n, ReplicaState.RUNNING)
                : List.of(running(1), rejected(2, "node down"), running(3)));
        fixture.swarm.script(Labels.Role.MASTER, (poll, n) -> List.of(running(1)));
        TaskRequested request = fixture.request().build();
        fixture.run(request);

        assertThat(fixture.events.moves()).endsWith("STARTING_MASTER->RUNNING", "RUNNING->FAILED");
        assertThat(fixture.events.terminal().failure().message()).isEqualTo("worker task 2 ended: rejected node down");
        assertThat(fixture.journal.matching("master.log", "phase FAILED")).containsExactly("master.log", "phase FAILED");
    }

    @Test
    void aMissingImageFailsProvisioningBeforeAnyServiceIsCreated() {
        fixture.swarm.missingImage("atq/demo-master:1");
        fixture.run(fixture.request().build());

        assertThat(fixture.events.moves()).containsExactly("QUEUED->PROVISIONING", "PROVISIONING->FAILED");
        assertThat(fixture.events.terminal().failure().cause()).isEqualTo(FailureCause.INFRA);
        assertThat(fixture.events.terminal().failure().message()).contains("image atq/demo-master:1 is not present on this node");
        assertThat(fixture.swarm.networks()).isEmpty();
        assertThat(fixture.swarm.created()).isEmpty();
        assertThat(fixture.events.cleanUps()).singleElement().satisfies(c -> assertThat(c.complete()).isTrue());
    }

    @Test
    void anUnexpectedDockerErrorFailsTheTaskAndCleanUpStillRuns() {
        TaskRequested request = fixture.request().build();
        fixture.swarm.failCreating("atq-" + request.taskId() + "-probe",
                new SwarmException(SwarmException.Kind.REFUSED, "create service", "invalid mount config", null));
        fixture.run(request);

        assertThat(fixture.events.moves()).endsWith("STARTING_WORKERS->DISCOVERING", "DISCOVERING->FAILED");
        assertThat(fixture.events.terminal().failure().message()).isEqualTo("create service: invalid mount config");
        assertThat(fixture.swarm.serviceNames()).isEmpty();
        assertThat(fixture.swarm.networks()).isEmpty();
        assertThat(fixture.events.cleanUps()).singleElement().satisfies(c -> assertThat(c.complete()).isTrue());
    }

    @Test
    void aProbeThatIsRejectedIsAnInfrastructureFailureNamingDockersError() {
        fixture.swarm.script(Labels.Role.PROBE, (poll, n) -> List.of(rejected(1, "No such image: sha256:abc")));
        fixture.run(fixture.request().build());

        assertThat(fixture.events.moves()).endsWith("STARTING_WORKERS->DISCOVERING", "DISCOVERING->FAILED");
        assertThat(fixture.events.terminal().failure().message()).startsWith("the discovery probe ended: rejected No such image: sha256:abc");
    }

    @Test
    void aMasterThatNeverGetsAContainerIsAnInfrastructureFailure() {
        fixture.swarm.script(Labels.Role.MASTER, (poll, n) -> List.of(rejected(1, "invalid mount config for type \"bind\"")));
        fixture.run(fixture.request().build());

        assertThat(fixture.events.moves()).endsWith("DISCOVERING->STARTING_MASTER", "STARTING_MASTER->FAILED");
        assertThat(fixture.events.terminal().failure().cause()).isEqualTo(FailureCause.INFRA);
        assertThat(fixture.events.terminal().failure().message()).contains("master task ended: rejected invalid mount config");
    }
}
