package io.atq.director.orchestration;

import io.atq.contracts.names.Labels;
import io.atq.director.support.RunFixture;
import io.atq.director.swarm.ReplicaState;
import io.atq.director.swarm.SwarmException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.atq.director.support.FakeSwarmClient.all;
import static io.atq.director.support.FakeSwarmClient.complete;
import static io.atq.director.support.FakeSwarmClient.running;
import static org.assertj.core.api.Assertions.assertThat;

class DockerOutageRunTest {
    private final RunFixture fixture = new RunFixture();

    private static SwarmException unavailable() {
        return new SwarmException(SwarmException.Kind.UNAVAILABLE, "list tasks", "CircuitBreaker 'docker' is OPEN", null);
    }

    @Test
    void aRunningTaskWaitsOutADockerOutageAndSucceedsWhenDockerAnswersAgain() {
        fixture.swarm.script(Labels.Role.MASTER, (poll, n) -> {
            if (poll < 3) {
                return List.of(running(1));
            }
            if (poll < 60) {
                throw unavailable();
            }
            return List.of(complete(1, 0));
        });
        fixture.run(fixture.request().build());

        assertThat(fixture.events.moves()).endsWith("STARTING_MASTER->RUNNING", "RUNNING->COLLECTING", "COLLECTING->SUCCEEDED");
        assertThat(fixture.events.cleanUps()).singleElement().satisfies(c -> assertThat(c.complete()).isTrue());
    }

    @Test
    void workersThatCannotBeSeenDuringAnOutageTimeOutAtThePhaseDeadlineInsteadOfHanging() {
        fixture.swarm.script(Labels.Role.WORKER, (poll, n) -> {
            throw unavailable();
        });
        fixture.run(fixture.request().build());

        assertThat(fixture.events.moves()).endsWith("PROVISIONING->STARTING_WORKERS", "STARTING_WORKERS->TIMED_OUT");
        // The probe starts once Swarm shows every worker's address; Docker never answered, so there is no probe to remove.
        assertThat(fixture.journal.matching("remove service")).containsExactly("remove service worker");
    }

    @Test
    void anAnswerThatRefusesStillFailsTheRunAtOnce() {
        fixture.swarm.script(Labels.Role.WORKER, (poll, n) -> {
            if (poll < 2) {
                return all(n, ReplicaState.STARTING);
            }
            throw new SwarmException(SwarmException.Kind.REFUSED, "list tasks", "bad request", null);
        });
        fixture.run(fixture.request().build());

        assertThat(fixture.events.moves()).endsWith("STARTING_WORKERS->FAILED");
        assertThat(fixture.events.terminal().failure().message()).contains("bad request");
    }
}
