package io.atq.director.orchestration;

import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.names.Labels;
import io.atq.contracts.phase.Phase;
import io.atq.director.support.RunFixture;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A second run of the same task (duplicate delivery, or two directors at once) must leave no trace. */
class DuplicateRunTest {
    private final RunFixture fixture = new RunFixture();

    @Test
    void aRunThatFindsTheTaskNetworkOfAnotherDirectorRecordsNothingAndRemovesNothing() {
        TaskRequested request = fixture.request().build();
        fixture.swarm.existingNetwork("atq-" + request.taskId() + "-net", labels(request, "other-director"));

        TaskRun run = fixture.run(request);

        assertThat(fixture.events.moves()).isEmpty();
        assertThat(fixture.events.cleanUps()).isEmpty();
        assertThat(fixture.swarm.created()).isEmpty();
        assertThat(fixture.swarm.networks()).hasSize(1);
        assertThat(run.provisioned()).isDone();
        assertThat(run.phase()).isEqualTo(Phase.QUEUED);
    }

    @Test
    void aRunAdoptsTheTaskNetworkItCreatedItselfInAnEarlierAttempt() {
        TaskRequested request = fixture.request().build();
        fixture.swarm.existingNetwork("atq-" + request.taskId() + "-net", labels(request, RunFixture.DIRECTOR));

        fixture.run(request);

        assertThat(fixture.events.terminal().phase()).isEqualTo(Phase.SUCCEEDED);
        assertThat(fixture.swarm.networks()).isEmpty();
    }

    @Test
    void theTaskNetworkIsCreatedBeforeTheFirstPhaseIsRecorded() {
        TaskRequested request = fixture.request().build();

        fixture.run(request);

        assertThat(fixture.journal.entries().indexOf("create network atq-" + request.taskId() + "-net"))
                .isLessThan(fixture.journal.entries().indexOf("phase PROVISIONING"));
    }

    private static Map<String, String> labels(TaskRequested request, String owner) {
        return Map.of(Labels.TASK, request.taskId().value(), Labels.INSTANCE, RunFixture.INSTANCE, Labels.MANAGED, "true",
                Labels.ROLE, Labels.Role.NETWORK.label(), Labels.OWNER, owner);
    }
}
