package io.atq.director.orchestration;

import io.atq.contracts.messages.TaskPhaseChanged;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.names.Labels;
import io.atq.contracts.phase.FailureCause;
import io.atq.contracts.phase.Phase;
import io.atq.contracts.tasks.TaskId;
import io.atq.director.support.RunFixture;
import io.atq.director.swarm.ServiceDefinition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.atq.director.support.FakeSwarmClient.complete;
import static org.assertj.core.api.Assertions.assertThat;

/** An Error (OutOfMemoryError, …) in a run or a takeover still ends the task with a verdict, and clean-up runs. */
class UnexpectedErrorTest {
    private final RunFixture fixture = new RunFixture();

    @Test
    void anOutOfMemoryErrorWhileCollectingFailsTheTaskNamingItAndCleansUp() {
        fixture.swarm.failingLogReads(Labels.Role.MASTER, new OutOfMemoryError("Java heap space"));
        TaskRequested request = fixture.request().build();
        fixture.run(request);

        TaskPhaseChanged end = fixture.events.terminal();
        assertThat(fixture.events.moves()).endsWith("RUNNING->COLLECTING", "COLLECTING->FAILED");
        assertThat(end.failure().cause()).isEqualTo(FailureCause.INFRA);
        assertThat(end.failure().message()).isEqualTo("unexpected failure in COLLECTING: java.lang.OutOfMemoryError: Java heap space");
        assertThat(fixture.swarm.serviceNames()).isEmpty();
        assertThat(fixture.events.cleanUps()).singleElement().satisfies(c -> assertThat(c.complete()).isTrue());
    }

    @Test
    void anErrorInAnEarlierPhaseFailsTheTaskThere() {
        fixture.swarm.script(Labels.Role.WORKER, (poll, n) -> {
            throw new StackOverflowError();
        });
        fixture.run(fixture.request().build());

        assertThat(fixture.events.terminal().phase()).isEqualTo(Phase.FAILED);
        assertThat(fixture.events.terminal().failure().message()).startsWith("unexpected failure in STARTING_WORKERS: java.lang.StackOverflowError");
        assertThat(fixture.swarm.serviceNames()).isEmpty();
    }

    @Test
    void anOutOfMemoryErrorDuringATakeoverFailsTheTaskAndRemovesItsObjects() {
        TaskRequested request = fixture.request().build();
        fixture.swarm.script(Labels.Role.MASTER, (poll, n) -> List.of(complete(1, 0)));
        fixture.swarm.failingLogReads(Labels.Role.MASTER, new OutOfMemoryError("Java heap space"));
        fixture.swarm.existingNetwork(request.taskId().networkName(), labels(request.taskId(), Labels.Role.NETWORK));
        plant(request.taskId(), Labels.Role.WORKER);
        plant(request.taskId(), Labels.Role.MASTER);

        fixture.takeOver(request, Phase.RUNNING, "dead-1");

        assertThat(fixture.events.phaseEvents()).extracting(TaskPhaseChanged::phase).containsExactly(Phase.COLLECTING, Phase.FAILED);
        assertThat(fixture.events.terminal().failure().message())
                .isEqualTo("unexpected failure in COLLECTING: java.lang.OutOfMemoryError: Java heap space");
        assertThat(fixture.swarm.serviceNames()).isEmpty();
        assertThat(fixture.events.cleanUps()).hasSize(1);
    }

    private void plant(TaskId taskId, Labels.Role role) {
        fixture.swarm.createService(new ServiceDefinition(role == Labels.Role.MASTER ? taskId.masterName() : taskId.workersName(), "sha256:x", 3,
                List.of(), Map.of(), "net-" + taskId.networkName(), labels(taskId, role), List.of(), Duration.ofSeconds(1)));
    }

    private static Map<String, String> labels(TaskId taskId, Labels.Role role) {
        return Map.of(Labels.TASK, taskId.value(), Labels.ROLE, role.label(), Labels.INSTANCE, RunFixture.INSTANCE, Labels.OWNER, "dead-1");
    }
}
