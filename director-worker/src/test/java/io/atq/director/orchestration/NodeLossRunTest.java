package io.atq.director.orchestration;

import io.atq.contracts.phase.FailureCause;
import io.atq.contracts.names.Labels;
import io.atq.contracts.phase.Phase;
import io.atq.director.support.FakeSwarmClient;
import io.atq.director.support.RunFixture;
import io.atq.director.swarm.ReplicaState;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A replica Swarm gave up (its node killed, cut off or drained: desired state shutdown, last report still "running")
 * ends the task FAILED/INFRA at the next poll, naming the replica, its node and the node's state, instead of waiting
 * for an end nobody will report.
 */
class NodeLossRunTest {
    private final RunFixture fixture = new RunFixture();

    @Test
    void aWorkerOnANodeThatWentDownFailsTheRunNamingTheSlotAndTheNode() {
        fixture.swarm.node("id-a", "node1", "ready").node("id-c", "node3", "down")
                .placedOn(Labels.Role.WORKER, slot -> slot == 2 ? "id-c" : "id-a").placedOn(Labels.Role.MASTER, slot -> "id-a")
                .script(Labels.Role.WORKER, (poll, n) -> poll < 6 ? FakeSwarmClient.all(n, ReplicaState.RUNNING)
                        : List.of(FakeSwarmClient.running(1), FakeSwarmClient.lost(2), FakeSwarmClient.running(3)))
                .script(Labels.Role.MASTER, (poll, n) -> List.of(FakeSwarmClient.running(1)));

        fixture.run(fixture.request().workers(3).build());

        assertThat(fixture.events.terminal().phase()).isEqualTo(Phase.FAILED);
        assertThat(fixture.events.terminal().failure().cause()).isEqualTo(FailureCause.INFRA);
        assertThat(fixture.events.terminal().failure().message())
                .isEqualTo("worker task 2 on node3 was lost: its node is down (Swarm shut the task down; it last showed running)");
        assertThat(fixture.swarm.serviceNames()).as("cleaned up").isEmpty();
    }

    @Test
    void aMasterOnANodeThatWentDownFailsTheRunNamingTheNode() {
        fixture.swarm.node("id-a", "node1", "ready").node("id-b", "node2", "down")
                .placedOn(Labels.Role.WORKER, slot -> "id-a").placedOn(Labels.Role.MASTER, slot -> "id-b")
                .script(Labels.Role.MASTER, (poll, n) -> poll < 4 ? List.of(FakeSwarmClient.running(1)) : List.of(FakeSwarmClient.lost(1)));

        fixture.run(fixture.request().workers(2).build());

        assertThat(fixture.events.terminal().phase()).isEqualTo(Phase.FAILED);
        assertThat(fixture.events.terminal().failure().message())
                .isEqualTo("master task on node2 was lost: its node is down (Swarm shut the task down; it last showed running)");
        assertThat(fixture.events.terminal().exitCode()).as("no exit code was ever reported").isNull();
        assertThat(fixture.swarm.stops()).as("nothing can stop a master on a lost node").isEmpty();
        assertThat(fixture.journal.entries()).as("its log is not asked of a node that may never answer").doesNotContain("logs master");
    }

    @Test
    void aWorkerLostWhileStartingFailsBeforeTheMasterExists() {
        fixture.swarm.node("id-c", "node3", "ready, drain").placedOn(Labels.Role.WORKER, slot -> "id-c")
                .script(Labels.Role.WORKER, (poll, n) -> poll < 2 ? FakeSwarmClient.all(n, ReplicaState.STARTING)
                        : List.of(FakeSwarmClient.lost(1)));

        fixture.run(fixture.request().workers(1).build());

        assertThat(fixture.events.terminal().phase()).isEqualTo(Phase.FAILED);
        assertThat(fixture.events.terminal().failure().message()).startsWith("worker task 1 on node3 was lost: its node is ready, drain");
        assertThat(fixture.swarm.created().stream().map(d -> d.labels().get(Labels.ROLE)))
                .as("no master was started").doesNotContain(Labels.Role.MASTER.label());
    }

    @Test
    void withoutTheNodesStateTheMessageStillSaysSwarmGaveTheReplicaUp() {
        fixture.swarm.script(Labels.Role.WORKER, (poll, n) -> poll < 3 ? FakeSwarmClient.all(n, ReplicaState.RUNNING)
                : List.of(FakeSwarmClient.lost(1)));

        fixture.run(fixture.request().workers(1).build());

        assertThat(fixture.events.terminal().failure().message())
                .isEqualTo("worker task 1 was lost: Swarm shut it down while it last showed running");
    }
}
