package io.atq.director.orchestration;

import io.atq.contracts.discovery.ProbeScript;
import io.atq.contracts.names.Labels;
import io.atq.contracts.phase.FailureCause;
import io.atq.contracts.phase.Phase;
import io.atq.director.support.RunFixture;
import io.atq.director.swarm.ReplicaState;
import io.atq.director.swarm.SwarmException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.atq.director.support.FakeSwarmClient.all;
import static io.atq.director.support.FakeSwarmClient.allocated;
import static org.assertj.core.api.Assertions.assertThat;

/** DISCOVERING: the addresses come from Swarm's record of the tasks; the probe only checks the port. */
class DiscoveryTest {
    private final RunFixture fixture = new RunFixture();

    @Test
    void startsTheProbeOnceSwarmAllocatedEveryAddressWhileTheWorkersStillStart() {
        fixture.swarm.placedOn(Labels.Role.WORKER, slot -> "node-" + slot);
        fixture.swarm.addresses((poll, n) -> poll == 0 ? Map.of(1, "10.0.9.2") : allocated(n));
        fixture.swarm.script(Labels.Role.WORKER, (poll, n) -> {
            if (poll < 4) {
                return all(n, ReplicaState.STARTING);
            }
            fixture.journal.add("workers running");
            return all(n, ReplicaState.RUNNING);
        });
        fixture.run(fixture.request().workers(3).build());

        assertThat(fixture.journal.matching("addresses", "create service", "workers running", "phase DISCOVERING")).startsWith(
                "create service worker", "addresses worker", "addresses worker", "create service probe", "workers running",
                "phase DISCOVERING");
        assertThat(fixture.journal.matching("addresses")).hasSize(2);
        assertThat(fixture.swarm.created(Labels.Role.PROBE).env()).containsEntry(ProbeScript.ADDRESSES, "10.0.9.2,10.0.9.3,10.0.9.4");
        assertThat(fixture.events.terminal().phase()).isEqualTo(Phase.SUCCEEDED);
    }

    @Test
    void startsTheProbeEarlyOnceAWorkerIsPlacedWhenTheAddressesCameFirst() {
        // Seen on a real swarm: every address allocated at the first look, the workers placed on a node a poll later.
        AtomicBoolean placed = new AtomicBoolean();
        fixture.swarm.placedOn(Labels.Role.WORKER, slot -> placed.get() ? "node-" + slot : null);
        fixture.swarm.script(Labels.Role.WORKER, (poll, n) -> {
            placed.set(poll >= 1);
            if (poll < 4) {
                return all(n, ReplicaState.STARTING);
            }
            fixture.journal.add("workers running");
            return all(n, ReplicaState.RUNNING);
        });
        fixture.run(fixture.request().workers(3).build());

        assertThat(fixture.journal.matching("create service probe", "workers running", "phase DISCOVERING"))
                .startsWith("create service probe", "workers running", "phase DISCOVERING");
        assertThat(fixture.journal.matching("addresses")).as("the addresses are looked up once").hasSize(1);
        assertThat(fixture.swarm.created(Labels.Role.PROBE).placement().constraints()).containsExactly("node.id==node-1");
        assertThat(fixture.events.terminal().phase()).isEqualTo(Phase.SUCCEEDED);
    }

    @Test
    void theProbeRunsOnAWorkersNodeSoNoNodeLeavesTheTaskNetworkBeforeTheMasterJoinsIt() {
        // Slot 1 not yet on a node: the first worker that is.
        fixture.swarm.placedOn(Labels.Role.WORKER, slot -> slot == 1 ? null : "node-" + slot);
        fixture.run(fixture.request().workers(3).build());

        assertThat(fixture.swarm.created(Labels.Role.PROBE).placement().constraints()).containsExactly("node.id==node-2");
        assertThat(fixture.swarm.created(Labels.Role.MASTER).placement().constraints()).noneMatch(c -> c.startsWith("node.id"));
        assertThat(fixture.events.terminal().phase()).isEqualTo(Phase.SUCCEEDED);
    }

    @Test
    void withoutAWorkersNodeTheProbeGoesAnywhere() {
        fixture.run(fixture.request().workers(2).build());

        assertThat(fixture.swarm.created(Labels.Role.PROBE).placement().constraints()).isEmpty();
        assertThat(fixture.events.terminal().phase()).isEqualTo(Phase.SUCCEEDED);
    }

    @Test
    void findsFiftyWorkersInSlotOrder() {
        fixture.run(fixture.request().workers(50).build());

        List<String> addresses = fixture.events.event(Phase.STARTING_MASTER).workerAddresses();
        assertThat(addresses).hasSize(50).doesNotHaveDuplicates().startsWith("10.0.9.2", "10.0.9.3").endsWith("10.0.9.51");
        assertThat(fixture.swarm.created(Labels.Role.MASTER).env()).containsEntry("REMOTES", String.join(",", addresses));
    }

    @Test
    void retriesInDiscoveringWhenTheEarlyLookupFailed() {
        fixture.swarm.addresses((poll, n) -> {
            if (poll == 0) {
                throw new SwarmException(SwarmException.Kind.REFUSED, "list task addresses", "boom", null);
            }
            return allocated(n);
        });
        fixture.swarm.script(Labels.Role.WORKER, (poll, n) -> all(n, ReplicaState.RUNNING));
        fixture.run(fixture.request().build());

        assertThat(fixture.journal.matching("addresses", "create service probe", "phase DISCOVERING"))
                .containsExactly("addresses worker", "phase DISCOVERING", "addresses worker", "create service probe");
        assertThat(fixture.events.terminal().phase()).isEqualTo(Phase.SUCCEEDED);
    }

    @Test
    void aRunningWorkerWithoutAnAddressIsAnInfrastructureFailure() {
        fixture.swarm.addresses((poll, n) -> Map.of(1, "10.0.9.2"));
        fixture.run(fixture.request().workers(2).build());

        assertThat(fixture.events.moves()).endsWith("STARTING_WORKERS->DISCOVERING", "DISCOVERING->FAILED");
        assertThat(fixture.events.terminal().failure().cause()).isEqualTo(FailureCause.INFRA);
        assertThat(fixture.events.terminal().failure().message()).contains("no address on the task network");
    }

    @Test
    void aProbeThatConfirmsOtherAddressesIsAnInfrastructureFailure() {
        fixture.swarm.log(Labels.Role.PROBE, "ATQ-REACHABLE 3 of 3\nATQ-ADDRESSES 10.0.9.2,10.0.9.3,10.0.9.99\n");
        fixture.run(fixture.request().build());

        assertThat(fixture.events.terminal().phase()).isEqualTo(Phase.FAILED);
        assertThat(fixture.events.terminal().failure().message())
                .isEqualTo("the discovery probe confirmed [10.0.9.2, 10.0.9.3, 10.0.9.99], not the workers' [10.0.9.2, 10.0.9.3, 10.0.9.4]");
    }

    @Test
    void aProbeThatReachedEveryWorkerIsEnoughWhenItsOutputCannotBeRead() {
        // A node just back from a cut-off: Docker breaks every read of the probe's log off, on and on.
        fixture.swarm.failingLogReads(Labels.Role.PROBE, new SwarmException(SwarmException.Kind.INCOMPLETE,
                "read logs of service probe", "Docker broke off the log after 0 bytes: ", null));
        fixture.run(fixture.request().build());

        assertThat(fixture.events.terminal().phase()).isEqualTo(Phase.SUCCEEDED);
        assertThat(fixture.swarm.created(Labels.Role.MASTER).env()).containsEntry("REMOTES", "10.0.9.2,10.0.9.3,10.0.9.4");
        assertThat(fixture.journal.matching("logs probe")).as("one read, no waiting for the log").hasSize(1);
    }

    @Test
    void aProbeThatPrintsNoAddressesIsAnInfrastructureFailureShowingItsOutput() {
        fixture.swarm.log(Labels.Role.PROBE, "sh: nc: not found\n");
        fixture.run(fixture.request().build());

        assertThat(fixture.events.terminal().failure().message())
                .isEqualTo("the discovery probe printed no ATQ-ADDRESSES line (last output: sh: nc: not found)");
    }
}
