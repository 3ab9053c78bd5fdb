package io.atq.director.orchestration;

import io.atq.contracts.phase.FailureCause;
import io.atq.contracts.phase.Phase;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** One verdict for a master's exit, whoever observes it. */
class VerdictTest {
    private static final Instant DEADLINE = Instant.parse("2030-01-01T00:10:00Z");
    private static final Instant BEFORE = DEADLINE.minusSeconds(30);
    private static final Instant AFTER = DEADLINE.plusSeconds(12);

    @Test
    void aMasterThatExitsZeroInTimeSucceeds() {
        Verdict.Outcome outcome = Verdict.ofMasterExit(Phase.RUNNING, 0, BEFORE, AFTER, DEADLINE, false);

        assertThat(outcome.phase()).isEqualTo(Phase.SUCCEEDED);
        assertThat(outcome.failure()).isNull();
    }

    @Test
    void aMasterThatExitsNonZeroInTimeFailsTheTest() {
        Verdict.Outcome outcome = Verdict.ofMasterExit(Phase.RUNNING, 3, BEFORE, BEFORE, DEADLINE, false);

        assertThat(outcome.phase()).isEqualTo(Phase.FAILED);
        assertThat(outcome.failure().cause()).isEqualTo(FailureCause.TEST);
        assertThat(outcome.failure().message()).isEqualTo("the master exited with 3");
    }

    @Test
    void aMasterKilledAtTheDeadlineTimedOutEvenWhenAnotherDirectorSeesItsExitLater() {
        // The director that stopped it died; the survivor sees exit 137 long after: the platform's kill, not the test's.
        Verdict.Outcome outcome = Verdict.ofMasterExit(Phase.RUNNING, 137, DEADLINE.plusSeconds(10), AFTER.plusSeconds(60), DEADLINE, false);

        assertThat(outcome.phase()).isEqualTo(Phase.TIMED_OUT);
        assertThat(outcome.failure().cause()).isNotEqualTo(FailureCause.TEST);
        assertThat(outcome.failure().message()).startsWith("timed out in RUNNING: the task's deadline " + DEADLINE + " passed");
    }

    @Test
    void evenAZeroExitAtTheDeadlineIsATimeout() {
        assertThat(Verdict.ofMasterExit(Phase.RUNNING, 0, DEADLINE, AFTER, DEADLINE, false).phase()).isEqualTo(Phase.TIMED_OUT);
    }

    @Test
    void anExitBeforeTheDeadlineObservedAfterItKeepsItsOwnVerdict() {
        assertThat(Verdict.ofMasterExit(Phase.RUNNING, 3, BEFORE, AFTER, DEADLINE, false).phase()).isEqualTo(Phase.FAILED);
    }

    @Test
    void withoutSwarmsTimeTheObservationTimeStandsIn() {
        assertThat(Verdict.ofMasterExit(Phase.RUNNING, 143, null, AFTER, DEADLINE, false).phase()).isEqualTo(Phase.TIMED_OUT);
        assertThat(Verdict.ofMasterExit(Phase.RUNNING, 143, null, BEFORE, DEADLINE, false).phase()).isEqualTo(Phase.FAILED);
    }

    @Test
    void aMasterKilledByTheEngineNotByAtqIsAnInfrastructureFailure() {
        // Seen: dockerd restarted while masters ran; at start-up it stops the containers it finds (exit 143).
        Verdict.Outcome terminated = Verdict.ofMasterExit(Phase.RUNNING, 143, BEFORE, BEFORE, DEADLINE, false);
        Verdict.Outcome killed = Verdict.ofMasterExit(Phase.RUNNING, 137, BEFORE, BEFORE, DEADLINE, false);

        assertThat(terminated.failure().cause()).isEqualTo(FailureCause.INFRA);
        assertThat(terminated.failure().message()).startsWith("the master was killed (exit 143, SIGTERM) by something other than ATQ");
        assertThat(killed.failure().cause()).isEqualTo(FailureCause.INFRA);
        assertThat(killed.failure().message()).contains("ran out of memory");
    }

    @Test
    void aMasterStoppedAfterACancelIsCancelledNotFailed() {
        Verdict.Outcome outcome = Verdict.ofMasterExit(Phase.RUNNING, 143, BEFORE, BEFORE, DEADLINE, true);

        assertThat(outcome.phase()).isEqualTo(Phase.CANCELLED);
        assertThat(outcome.failure().message()).isEqualTo("cancelled in RUNNING");
    }

    @Test
    void aMasterThatSucceededDespiteACancelKeepsItsSuccess() {
        assertThat(Verdict.ofMasterExit(Phase.RUNNING, 0, BEFORE, BEFORE, DEADLINE, true).phase()).isEqualTo(Phase.SUCCEEDED);
    }
}
