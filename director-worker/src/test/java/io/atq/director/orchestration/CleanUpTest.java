package io.atq.director.orchestration;

import io.atq.contracts.names.Labels;
import io.atq.director.support.RunFixture;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.atq.director.support.FakeSwarmClient.running;
import static org.assertj.core.api.Assertions.assertThat;

class CleanUpTest {
    private final RunFixture fixture = new RunFixture();

    @Test
    void removesMasterThenWorkersThenTheNetworkAfterTheTerminalPhase() {
        fixture.run(fixture.request().build());

        assertThat(fixture.journal.from("phase SUCCEEDED", "remove", "cleaned up")).containsExactly(
                "phase SUCCEEDED", "remove service master", "remove service worker", "remove network", "cleaned up true");
        assertThat(fixture.swarm.serviceNames()).isEmpty();
        assertThat(fixture.swarm.networks()).isEmpty();
    }

    @Test
    void removesTheProbeOnceTheMastersServiceIsCreatedSoOnlyMasterAndWorkersRemainForCleanUp() {
        fixture.run(fixture.request().build());

        // Not before the master's creation: that Swarm call would delay the master for nothing (docs/benchmarks.md).
        assertThat(fixture.journal.matching("remove service probe", "create service master", "phase STARTING_MASTER", "phase RUNNING"))
                .containsExactly("phase STARTING_MASTER", "create service master", "remove service probe", "phase RUNNING");
    }

    @Test
    void removesEveryServiceEvenWhenTheRunFailedMidway() {
        fixture.swarm.script(Labels.Role.PROBE, (poll, n) -> List.of(running(1)));
        fixture.settings = new RunSettings(RunFixture.INSTANCE, RunFixture.DIRECTOR, Duration.ofMillis(200), Duration.ofSeconds(2),
                Duration.ofMinutes(2), Duration.ofSeconds(5), Duration.ofMinutes(2), Duration.ofMinutes(1));
        fixture.run(fixture.request().build());

        assertThat(fixture.journal.matching("remove", "cleaned up")).containsExactly(
                "remove service probe", "remove service worker", "remove network", "cleaned up true");
    }

    @Test
    void reportsAnIncompleteCleanUpWhenTheNetworkStaysInUsePastTheCleanUpDeadline() {
        fixture.swarm.networkStuck();
        fixture.run(fixture.request().build());
        Instant terminalAt = fixture.events.terminal().at();

        assertThat(fixture.events.cleanUps()).singleElement().satisfies(c -> {
            assertThat(c.complete()).isFalse();
            assertThat(c.message()).isEqualTo("network still in use after PT1M");
            assertThat(Duration.between(terminalAt, c.at())).isBetween(Duration.ofMinutes(1), Duration.ofMinutes(1).plusSeconds(1));
        });
    }
}
