package io.atq.director.intake;

import io.atq.contracts.messages.MessageCodec;
import io.atq.contracts.messages.MessageType;
import io.atq.contracts.messages.TaskPhaseChanged;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.phase.Phase;
import io.atq.contracts.validation.TaskSpecValidator;
import io.atq.director.ledger.TaskLedger;
import io.atq.director.orchestration.PhaseObserver;
import io.atq.director.orchestration.TaskRunner;
import io.atq.director.support.RunFixture;
import io.atq.testfixtures.TaskRequests;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Two requests with one task id (two gateways, one idempotency key): only the first on the task log runs. */
class FirstRequestOnTheLogTest {
    private final RunFixture fixture = new RunFixture();
    private final MessageCodec codec = MessageCodec.strict();
    private final TaskLedger ledger = new TaskLedger("n");
    private final TaskRunner runner = new TaskRunner(2, Duration.ofSeconds(5), fixture::runFor, fixture.capacity);
    private final IntakeDecider decider =
            new IntakeDecider(codec, new TaskSpecValidator(TaskRequests.CONFIG), ledger, runner::isRunning, bundle -> true, fixture.clock);
    private final TaskIntake intake = new TaskIntake(decider, runner, fixture.capacity, fixture.events, RunFixture.DIRECTOR, fixture.clock, PhaseObserver.NONE);
    private final TaskRequested base = fixture.request().build();

    /** The request as gateway {@code submission} published it: same task id, same spec. */
    private TaskRequested copy(String submission) {
        return new TaskRequested(base.taskId(), base.spec(), base.requestedAt(), "team-a", submission, "key-1", "hash");
    }

    private TaskIntake.Result deliver(TaskRequested request) throws InterruptedException {
        return intake.handle(MessageType.TASK_REQUESTED.id(), codec.encode(request));
    }

    @Test
    void runsTheFirstRequestOfItsTaskIdOnTheLog() {
        ledger.apply(copy("s1"));
        ledger.apply(copy("s2"));

        assertThat(decider.decide(copy("s1"))).isInstanceOf(IntakeDecision.Run.class);
    }

    @Test
    void acknowledgesACopyThatIsNotTheFirstWithoutAnEventOrADockerCall() throws Exception {
        ledger.apply(copy("s1"));
        ledger.apply(copy("s2"));

        assertThat(decider.decide(copy("s2"))).isInstanceOfSatisfying(IntakeDecision.Skip.class,
                skip -> assertThat(skip.reason()).contains("s2").contains("first request for this task is submission s1"));
        assertThat(deliver(copy("s2")).outcome()).isEqualTo(TaskIntake.Outcome.ACK);
        assertThat(fixture.events.moves()).isEmpty();
        assertThat(fixture.swarm.dockerCalls()).isZero();
    }

    @Test
    void neverRunsACopyArrivingAfterTheTaskEnded() throws Exception {
        ledger.apply(copy("s1"));
        ledger.apply(TaskPhaseChanged.of(base.taskId(), Phase.SUCCEEDED, fixture.clock.instant(), "other"));

        assertThat(deliver(copy("s1")).outcome()).isEqualTo(TaskIntake.Outcome.ACK);
        assertThat(deliver(copy("s2")).outcome()).isEqualTo(TaskIntake.Outcome.ACK);
        assertThat(fixture.events.moves()).isEmpty();
        assertThat(fixture.swarm.dockerCalls()).isZero();
    }

    @Test
    void theFirstRequestStaysFirstWhenTheLogIsReplayed() {
        ledger.apply(copy("s2"));
        ledger.apply(copy("s1"));
        ledger.apply(copy("s2"));
        ledger.apply(copy("s1"));

        assertThat(ledger.firstSubmission(base.taskId())).hasValue("s2");
    }

    @Test
    void aRequestFromBeforeSubmissionIdsCountsAsItsTaskIdsSubmission() {
        TaskRequested legacy = new TaskRequested(base.taskId(), base.spec(), base.requestedAt(), null, null, null, null);
        ledger.apply(legacy);

        assertThat(ledger.firstSubmission(base.taskId())).hasValue(base.taskId().value());
        assertThat(decider.decide(legacy)).isInstanceOf(IntakeDecision.Run.class);
    }

    @Test
    void waitsForTheLogWhenTheQueueDeliversFirstThenSkipsTheCopy() throws Exception {
        assertThat(decider.decide(copy("s2"))).isInstanceOf(IntakeDecision.AwaitLog.class);

        CompletableFuture<TaskIntake.Result> handled = CompletableFuture.supplyAsync(() -> {
            try {
                return deliver(copy("s2"));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(100);
        assertThat(handled).isNotDone();
        ledger.apply(copy("s1"));

        assertThat(handled.get(5, TimeUnit.SECONDS).outcome()).isEqualTo(TaskIntake.Outcome.ACK);
        assertThat(fixture.events.moves()).isEmpty();
        assertThat(fixture.swarm.dockerCalls()).isZero();
    }

    @Test
    void returnsARequestTheLogNeverShowsToTheQueue() throws Exception {
        intake.awaitingTheLogFor(Duration.ofMillis(200));

        assertThat(deliver(copy("s1")).outcome()).isEqualTo(TaskIntake.Outcome.REQUEUE);
        assertThat(fixture.events.moves()).isEmpty();
        assertThat(fixture.swarm.dockerCalls()).isZero();
    }
}
