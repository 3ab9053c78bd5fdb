package io.atq.director.intake;

import io.atq.contracts.messages.MessageCodec;
import io.atq.contracts.messages.MessageType;
import io.atq.contracts.messages.TaskPhaseChanged;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.phase.FailureCause;
import io.atq.contracts.phase.Phase;
import io.atq.contracts.validation.TaskSpecValidator;
import io.atq.director.ledger.TaskLedger;
import io.atq.director.orchestration.PhaseObserver;
import io.atq.director.orchestration.TaskRunner;
import io.atq.director.support.RunFixture;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static io.atq.testfixtures.TaskRequests.CONFIG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ForgedRequestsTest {
    private final RunFixture fixture = new RunFixture();
    private final TaskLedger ledger = new TaskLedger("n");
    private final TaskRunner runner = new TaskRunner(2, Duration.ofSeconds(5), fixture::runFor, fixture.capacity);
    private final TaskIntake intake = new TaskIntake(
            new IntakeDecider(MessageCodec.strict(), new TaskSpecValidator(CONFIG), ledger, runner::isRunning, bundle -> true, fixture.clock),
            runner, fixture.capacity, fixture.events, RunFixture.DIRECTOR, fixture.clock, PhaseObserver.NONE);

    private String json(TaskRequested request) {
        return new String(new MessageCodec().encode(request), StandardCharsets.UTF_8);
    }

    private TaskIntake.Result deliver(String body) throws InterruptedException {
        return intake.handle(MessageType.TASK_REQUESTED.id(), body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void deadLettersAPrivilegedFlagAndFailsTheTaskWithoutTouchingDocker() throws Exception {
        TaskRequested request = fixture.request().build();

        TaskIntake.Result result = deliver(json(request).replace("\"workers\":{", "\"workers\":{\"privileged\":true,"));

        assertThat(result.outcome()).isEqualTo(TaskIntake.Outcome.DEAD_LETTER);
        assertThat(result.reason()).contains("privileged");
        assertThat(fixture.events.moves()).containsExactly("QUEUED->FAILED");
        assertThat(fixture.events.terminal().failure().cause()).isEqualTo(FailureCause.CONFIG);
        assertThat(fixture.events.terminal().failure().message()).contains("privileged");
        assertThat(fixture.swarm.dockerCalls()).isZero();
    }

    @Test
    void deadLettersHostMountsAndAddedCapabilities() throws Exception {
        String mounts = json(fixture.request().build()).replace("\"master\":{", "\"master\":{\"mounts\":[{\"source\":\"/\",\"target\":\"/host\"}],");
        String caps = json(fixture.request().build()).replaceFirst("\\{", "{\"capAdd\":[\"SYS_ADMIN\"],");

        assertThat(deliver(mounts).reason()).contains("mounts");
        assertThat(deliver(caps).reason()).contains("capAdd");
        assertThat(fixture.events.moves()).containsExactly("QUEUED->FAILED", "QUEUED->FAILED");
        assertThat(fixture.swarm.dockerCalls()).isZero();
    }

    @Test
    void deadLettersATaskIdThatIsNotAUuidWithoutAnyEvent() throws Exception {
        TaskRequested request = fixture.request().build();

        TaskIntake.Result result = deliver(json(request).replace(request.taskId().value(), "../../etc"));

        assertThat(result.outcome()).isEqualTo(TaskIntake.Outcome.DEAD_LETTER);
        assertThat(result.reason()).contains("not a lower-case UUID");
        assertThat(fixture.events.moves()).isEmpty();
        assertThat(fixture.swarm.dockerCalls()).isZero();
    }

    @Test
    void deadLettersAForgedCopyOfAKnownTaskWithoutTouchingThatTask() throws Exception {
        TaskRequested request = fixture.request().build();
        ledger.apply(TaskPhaseChanged.of(request.taskId(), Phase.RUNNING, fixture.clock.instant(), "other"));

        TaskIntake.Result result = deliver(json(request).replace("\"workers\":{", "\"workers\":{\"privileged\":true,"));

        assertThat(result.outcome()).isEqualTo(TaskIntake.Outcome.DEAD_LETTER);
        assertThat(fixture.events.moves()).isEmpty();
    }

    @Test
    void refusesToDecideCommandsWithALenientCodec() {
        assertThatThrownBy(() -> new IntakeDecider(new MessageCodec(), new TaskSpecValidator(CONFIG), ledger, id -> false, bundle -> true, fixture.clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("strict");
    }
}
