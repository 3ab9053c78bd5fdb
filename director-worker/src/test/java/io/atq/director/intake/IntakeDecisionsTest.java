package io.atq.director.intake;

import io.atq.contracts.messages.CancelTask;
import io.atq.contracts.messages.MessageCodec;
import io.atq.contracts.messages.MessageType;
import io.atq.contracts.messages.TaskPhaseChanged;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.phase.FailureCause;
import io.atq.contracts.phase.Phase;
import io.atq.contracts.tasks.TaskId;
import io.atq.contracts.validation.TaskSpecValidator;
import io.atq.director.ledger.TaskLedger;
import io.atq.director.orchestration.PhaseObserver;
import io.atq.director.orchestration.TaskRunner;
import io.atq.director.support.RunFixture;
import io.atq.testfixtures.TaskRequests;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class IntakeDecisionsTest {
    private final RunFixture fixture = new RunFixture();
    private final MessageCodec codec = MessageCodec.strict();
    private final TaskLedger ledger = new TaskLedger("n");
    private final TaskRunner runner = new TaskRunner(2, Duration.ofSeconds(5), fixture::runFor, fixture.capacity);
    private final TaskIntake intake = new TaskIntake(
            new IntakeDecider(codec, new TaskSpecValidator(TaskRequests.CONFIG), ledger, runner::isRunning, bundle -> true, fixture.clock),
            runner, fixture.capacity, fixture.events, RunFixture.DIRECTOR, fixture.clock, PhaseObserver.NONE);

    /** Delivers from the queue what the gateway's one publish also put on the task log (which the ledger reads). */
    private TaskIntake.Outcome deliver(TaskRequested request) throws InterruptedException {
        ledger.apply(request);
        return intake.handle(MessageType.TASK_REQUESTED.id(), codec.encode(request)).outcome();
    }

    @Test
    void refusesASpecOutsideThisDirectorsWhitelistWithoutTouchingDocker() throws Exception {
        TaskRequested request = fixture.request().workerImage("evil/miner:1").build();

        assertThat(deliver(request)).isEqualTo(TaskIntake.Outcome.DEAD_LETTER);
        assertThat(fixture.events.moves()).containsExactly("QUEUED->FAILED");
        assertThat(fixture.events.terminal().failure().cause()).isEqualTo(FailureCause.CONFIG);
        assertThat(fixture.events.terminal().failure().message()).contains("workers.image: 'evil/miner:1' is not in the image whitelist");
        assertThat(fixture.events.cleanUps()).singleElement().satisfies(c -> assertThat(c.complete()).isTrue());
        assertThat(fixture.swarm.dockerCalls()).isZero();
    }

    @Test
    void cancelsATaskCancelledWhileQueuedWithoutTouchingDocker() throws Exception {
        TaskRequested request = fixture.request().build();
        ledger.apply(new CancelTask(request.taskId(), fixture.clock.instant()));

        assertThat(deliver(request)).isEqualTo(TaskIntake.Outcome.ACK);
        assertThat(fixture.events.moves()).containsExactly("QUEUED->CANCELLED");
        assertThat(fixture.events.terminal().failure().message()).isEqualTo("cancelled before it started");
        assertThat(fixture.swarm.dockerCalls()).isZero();
    }

    @Test
    void skipsADuplicateOfATerminalTask() throws Exception {
        TaskRequested request = fixture.request().build();
        ledger.apply(TaskPhaseChanged.of(request.taskId(), Phase.SUCCEEDED, fixture.clock.instant(), "other"));

        assertThat(deliver(request)).isEqualTo(TaskIntake.Outcome.ACK);
        assertThat(fixture.events.moves()).isEmpty();
        assertThat(fixture.swarm.dockerCalls()).isZero();
    }

    @Test
    void skipsATaskAnotherDirectorAlreadyStarted() throws Exception {
        TaskRequested request = fixture.request().build();
        ledger.apply(TaskPhaseChanged.of(request.taskId(), Phase.RUNNING, fixture.clock.instant(), "other"));

        assertThat(deliver(request)).isEqualTo(TaskIntake.Outcome.ACK);
        assertThat(fixture.events.moves()).isEmpty();
        assertThat(fixture.swarm.dockerCalls()).isZero();
    }

    @Test
    void timesOutATaskWhoseDeadlinePassedInTheQueue() throws Exception {
        TaskRequested request = fixture.request().requestedAt(Instant.parse("2029-12-31T23:00:00Z")).timeout(Duration.ofMinutes(30)).build();

        assertThat(deliver(request)).isEqualTo(TaskIntake.Outcome.ACK);
        assertThat(fixture.events.moves()).containsExactly("QUEUED->TIMED_OUT");
        assertThat(fixture.events.terminal().failure().message()).startsWith("timed out in QUEUED");
        assertThat(fixture.swarm.dockerCalls()).isZero();
    }

    @Test
    void deadLettersWhatItCannotRead() throws Exception {
        assertThat(intake.handle(MessageType.TASK_REQUESTED.id(), "{not json".getBytes()).outcome()).isEqualTo(TaskIntake.Outcome.DEAD_LETTER);
        assertThat(intake.handle("something.v9", "{}".getBytes()).outcome()).isEqualTo(TaskIntake.Outcome.DEAD_LETTER);
        assertThat(intake.handle(MessageType.CANCEL_TASK.id(), codec.encode(new CancelTask(TaskId.random(), fixture.clock.instant()))).outcome())
                .isEqualTo(TaskIntake.Outcome.DEAD_LETTER);
        assertThat(fixture.events.moves()).isEmpty();
    }

    @Test
    void acknowledgesARunOnlyAfterItsNetworkExistsAndSkipsItsRedeliveryMeanwhile() throws Exception {
        TaskRequested request = fixture.request().build();
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        fixture.swarm.script(io.atq.contracts.names.Labels.Role.WORKER, (poll, n) -> {
            await(release);
            return io.atq.director.support.FakeSwarmClient.all(n, io.atq.director.swarm.ReplicaState.RUNNING);
        });

        assertThat(deliver(request)).isEqualTo(TaskIntake.Outcome.ACK);
        assertThat(fixture.swarm.networks()).hasSize(1);
        assertThat(runner.isRunning(request.taskId())).isTrue();
        assertThat(deliver(request)).isEqualTo(TaskIntake.Outcome.ACK);

        release.countDown();
        runner.stop(Duration.ofSeconds(5));
        assertThat(fixture.events.moves()).filteredOn(m -> m.endsWith("->PROVISIONING")).hasSize(1);
    }

    private static void await(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
