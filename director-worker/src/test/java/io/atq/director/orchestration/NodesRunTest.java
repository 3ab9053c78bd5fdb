package io.atq.director.orchestration;

import io.atq.contracts.messages.TaskPhaseChanged;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.names.Labels;
import io.atq.contracts.phase.Phase;
import io.atq.director.support.FakeSwarmClient;
import io.atq.director.support.RunFixture;
import io.atq.director.swarm.ReplicaState;
import io.atq.director.swarm.ReplicaStatus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The events say which node each container ran on, from RUNNING on. */
class NodesRunTest {
    private final RunFixture fixture = new RunFixture();

    @Test
    void everyContainersNodeTravelsFromRunningToTheVerdict() {
        fixture.swarm.node("id-a", "node1").node("id-b", "node2").node("id-c", "node3")
                .placedOn(Labels.Role.WORKER, slot -> slot % 2 == 1 ? "id-a" : "id-b")
                .placedOn(Labels.Role.MASTER, slot -> "id-c");
        TaskRequested request = fixture.request().workers(3).build();

        fixture.run(request);

        assertThat(event(Phase.STARTING_MASTER).nodes()).isEmpty();
        assertThat(event(Phase.RUNNING).nodes()).containsExactlyInAnyOrderEntriesOf(
                Map.of("worker-1", "node1", "worker-2", "node2", "worker-3", "node1", "master", "node3"));
        assertThat(fixture.events.terminal().nodes()).as("kept to the verdict").containsEntry("master", "node3").hasSize(4);
    }

    @Test
    void aNodeTheSwarmNoLongerListsIsNamedByItsId() {
        fixture.swarm.placedOn(Labels.Role.WORKER, slot -> "gone-node").placedOn(Labels.Role.MASTER, slot -> "gone-node");

        fixture.run(fixture.request().workers(1).build());

        assertThat(fixture.events.terminal().nodes()).containsEntry("worker-1", "gone-node").containsEntry("master", "gone-node");
    }

    @Test
    void aWorkerThatEndsIsNamedWithItsNode() {
        fixture.swarm.node("id-b", "node2").placedOn(Labels.Role.WORKER, slot -> "id-b")
                .script(Labels.Role.WORKER, (poll, n) -> poll < 3 ? FakeSwarmClient.all(n, ReplicaState.RUNNING)
                        : List.of(FakeSwarmClient.running(1), new ReplicaStatus(2, ReplicaState.FAILED, "failed", null,
                        "task: non-zero exit (137)", 137)));

        fixture.run(fixture.request().workers(2).build());

        assertThat(fixture.events.terminal().failure().message()).startsWith("worker task 2 on node2 ended: failed");
    }

    @Test
    void withoutNodeInformationTheEventsCarryNone() {
        fixture.run(fixture.request().build());

        assertThat(fixture.events.terminal().phase()).isEqualTo(Phase.SUCCEEDED);
        assertThat(fixture.events.terminal().nodes()).isEmpty();
    }

    private TaskPhaseChanged event(Phase phase) {
        return fixture.events.phaseEvents().stream().filter(e -> e.phase() == phase).findFirst().orElseThrow();
    }
}
