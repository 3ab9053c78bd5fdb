package io.atq.director.orchestration;

import io.atq.contracts.messages.TaskPhaseChanged;
import io.atq.contracts.names.Labels;
import io.atq.contracts.phase.FailureCause;
import io.atq.contracts.phase.Phase;
import io.atq.director.support.RunFixture;
import io.atq.director.swarm.ServiceDefinition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.atq.director.support.FakeSwarmClient.complete;
import static io.atq.director.support.FakeSwarmClient.running;
import static org.assertj.core.api.Assertions.assertThat;

/** A survivor ends a dead director's task from the last logged phase, then removes everything. */
class TakeoverTest {
    private final RunFixture fixture = new RunFixture();
    private final String taskId = UUID.randomUUID().toString();
    private final TaskTakeover takeover = new TaskTakeover(fixture.settings, fixture.swarm, fixture.events, fixture.files,
            fixture.clock, fixture.clock.sleeper(), fixture.cancelled::contains);

    @Test
    void aRunningMasterIsAwaitedAndItsVerdictRecordedWithoutRepeatingRunning() {
        fixture.swarm.script(Labels.Role.MASTER, (poll, n) -> poll < 3 ? List.of(running(1)) : List.of(complete(1, 0)));
        plant(Labels.Role.WORKER);
        plant(Labels.Role.MASTER);

        takeover.run(orphan(Phase.RUNNING, false));

        assertThat(phases()).containsExactly(Phase.COLLECTING, Phase.SUCCEEDED);
        assertThat(fixture.events.terminal().director()).isEqualTo(RunFixture.DIRECTOR);
        assertThat(fixture.journal.matching("master.log")).hasSize(1);
        assertThat(fixture.swarm.serviceNames()).isEmpty();
        assertThat(fixture.events.cleanUps()).singleElement().satisfies(c -> assertThat(c.complete()).isTrue());
    }

    @Test
    void aCreatedMasterIsAwaitedFromStartingMasterOnAndTheTaskFinished() {
        fixture.swarm.script(Labels.Role.MASTER, (poll, n) -> poll < 2 ? List.of(io.atq.director.support.FakeSwarmClient.starting(1)) : List.of(complete(1, 3)));
        plant(Labels.Role.WORKER);
        plant(Labels.Role.MASTER);

        takeover.run(orphan(Phase.STARTING_MASTER, false));

        assertThat(phases()).containsExactly(Phase.RUNNING, Phase.COLLECTING, Phase.FAILED);
        assertThat(fixture.events.terminal().failure().cause()).isEqualTo(FailureCause.TEST);
    }

    @Test
    void anEarlierPhaseIsFailedNamingTheDeadDirectorAndThePhase() {
        plant(Labels.Role.WORKER);

        takeover.run(orphan(Phase.DISCOVERING, false));

        assertThat(phases()).containsExactly(Phase.FAILED);
        assertThat(fixture.events.terminal().failure().cause()).isEqualTo(FailureCause.INFRA);
        assertThat(fixture.events.terminal().failure().message()).isEqualTo("director dead-1 died during DISCOVERING");
        assertThat(fixture.swarm.serviceNames()).isEmpty();
    }

    @Test
    void anOrphanPastItsDeadlineEndsTimedOutNamingThePhase() {
        plant(Labels.Role.WORKER);

        takeover.run(orphan(Phase.STARTING_WORKERS, true));

        assertThat(phases()).containsExactly(Phase.TIMED_OUT);
        assertThat(fixture.events.terminal().failure().message()).startsWith("timed out in STARTING_WORKERS");
        assertThat(fixture.events.terminal().evidence().problems())
                .containsExactly("logs not collected: the task was past its deadline when taken over from dead-1");
    }

    @Test
    void aTerminalTaskIsOnlyRemoved() {
        plant(Labels.Role.MASTER);

        takeover.run(orphan(Phase.SUCCEEDED, false));

        assertThat(phases()).isEmpty();
        assertThat(fixture.events.cleanUps()).hasSize(1);
    }

    private TaskTakeover.Orphan orphan(Phase last, boolean pastDeadline) {
        return new TaskTakeover.Orphan(taskId, last, "dead-1", fixture.clock.instant().plus(Duration.ofMinutes(10)), pastDeadline);
    }

    private void plant(Labels.Role role) {
        fixture.swarm.createService(new ServiceDefinition("atq-" + taskId + "-" + role.label(), "sha256:x", 1, List.of(), Map.of(),
                "net", Map.of(Labels.TASK, taskId, Labels.ROLE, role.label(), Labels.INSTANCE, RunFixture.INSTANCE,
                Labels.OWNER, "dead-1", Labels.DEADLINE, Instant.now().toString()), List.of(), Duration.ofSeconds(1)));
    }

    private List<Phase> phases() {
        return fixture.events.phaseEvents().stream().map(TaskPhaseChanged::phase).toList();
    }
}
