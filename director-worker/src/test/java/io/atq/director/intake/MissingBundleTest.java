package io.atq.director.intake;

import io.atq.contracts.messages.MessageCodec;
import io.atq.contracts.messages.MessageType;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.phase.FailureCause;
import io.atq.contracts.validation.TaskSpecValidator;
import io.atq.director.ledger.TaskLedger;
import io.atq.director.orchestration.PhaseObserver;
import io.atq.director.orchestration.TaskRunner;
import io.atq.director.support.RunFixture;
import io.atq.testfixtures.TaskRequests;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A task whose bundle is not in this director's shared folder fails CONFIG, naming the bundle, without a Docker call. */
class MissingBundleTest {
    private static final String PRESENT = "aa".repeat(32);
    private static final String MISSING = "bb".repeat(32);
    private final RunFixture fixture = new RunFixture();
    private final MessageCodec codec = MessageCodec.strict();
    private final TaskLedger ledger = new TaskLedger("n");
    private final TaskRunner runner = new TaskRunner(2, Duration.ofSeconds(5), fixture::runFor, fixture.capacity);
    private final TaskIntake intake = new TaskIntake(
            new IntakeDecider(codec, new TaskSpecValidator(TaskRequests.CONFIG), ledger, runner::isRunning, Set.of(PRESENT)::contains, fixture.clock),
            runner, fixture.capacity, fixture.events, RunFixture.DIRECTOR, fixture.clock, PhaseObserver.NONE);

    private TaskIntake.Outcome deliver(TaskRequested request) throws InterruptedException {
        ledger.apply(request); // the task log showed it, as it does before the queue delivers (normally)
        return intake.handle(MessageType.TASK_REQUESTED.id(), codec.encode(request)).outcome();
    }

    @Test
    void aMissingBundleFailsTheTaskWithCauseConfigNamingTheBundle() throws Exception {
        assertThat(deliver(fixture.request().bundle(MISSING).build())).isEqualTo(TaskIntake.Outcome.DEAD_LETTER);

        assertThat(fixture.events.moves()).containsExactly("QUEUED->FAILED");
        assertThat(fixture.events.terminal().failure().cause()).isEqualTo(FailureCause.CONFIG);
        assertThat(fixture.events.terminal().failure().message()).contains("bundle: bundle " + MISSING + " is not in the shared folder");
        assertThat(fixture.swarm.dockerCalls()).isZero();
    }

    @Test
    void aPresentBundleRuns() throws Exception {
        assertThat(deliver(fixture.request().bundle(PRESENT).build())).isEqualTo(TaskIntake.Outcome.ACK);

        runner.stop(Duration.ofSeconds(10)); // waits for the run to end
        assertThat(fixture.events.moves()).first().isEqualTo("QUEUED->PROVISIONING");
        assertThat(fixture.swarm.dockerCalls()).isPositive();
    }
}
