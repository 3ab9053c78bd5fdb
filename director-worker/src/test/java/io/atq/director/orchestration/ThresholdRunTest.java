package io.atq.director.orchestration;

import io.atq.contracts.messages.Evidence;
import io.atq.contracts.messages.TaskPhaseChanged;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.names.Labels;
import io.atq.contracts.phase.FailureCause;
import io.atq.contracts.phase.Phase;
import io.atq.director.support.RunFixture;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.atq.director.support.FakeSwarmClient.complete;
import static io.atq.director.support.FakeSwarmClient.running;
import static io.atq.director.support.Thresholds.below;
import static io.atq.director.support.Thresholds.withThresholds;
import static org.assertj.core.api.Assertions.assertThat;

/** A master that exited 0 succeeds only if the task's thresholds held on its merged results; the outcomes travel on the terminal phase. */
class ThresholdRunTest {
    private final RunFixture fixture = new RunFixture();

    @Test
    void aBreachedThresholdFailsATaskWhoseMasterExitedZeroNamingTheThresholdAndTheValue() {
        TaskRequested request = withThresholds(fixture.request().build(), below("p95", 500), below("errorRate", 0.01));
        fixture.results.read(2, 120).measuring("p95", 612).measuring("errorRate", 0.002);

        fixture.run(request);

        assertThat(fixture.events.moves()).endsWith("RUNNING->COLLECTING", "COLLECTING->FAILED");
        TaskPhaseChanged end = fixture.events.terminal();
        assertThat(end.exitCode()).isZero();
        assertThat(end.failure().cause()).isEqualTo(FailureCause.TEST);
        assertThat(end.failure().message()).isEqualTo("threshold breached: p95 of all samples below 500.0 ms: was 612.0 ms");
        assertThat(end.results().thresholds()).extracting(o -> o.threshold().metric() + " " + o.passed())
                .containsExactly("p95 false", "errorRate true");
        assertThat(end.evidence()).isEqualTo(Evidence.COMPLETE);
        assertThat(fixture.events.cleanUps()).singleElement().satisfies(c -> assertThat(c.complete()).isTrue());
    }

    @Test
    void thresholdsThatHeldLetTheTaskSucceedAndAreReported() {
        TaskRequested request = withThresholds(fixture.request().build(), below("p95", 500));
        fixture.results.read(3, 120).measuring("p95", 412);

        fixture.run(request);

        TaskPhaseChanged end = fixture.events.terminal();
        assertThat(end.phase()).isEqualTo(Phase.SUCCEEDED);
        assertThat(end.results().filesRead()).isEqualTo(3);
        assertThat(end.results().thresholdsPassed()).isTrue();
        assertThat(fixture.events.phaseEvents()).filteredOn(e -> !e.phase().isTerminal()).allSatisfy(e -> assertThat(e.results()).isNull());
    }

    @Test
    void thresholdsWithoutAnyResultsFileFailClosed() {
        fixture.run(withThresholds(fixture.request().build(), below("p95", 500)));

        assertThat(fixture.events.terminal().phase()).isEqualTo(Phase.FAILED);
        assertThat(fixture.events.terminal().failure().message()).isEqualTo("no results file was read: no threshold can be checked");
        assertThat(fixture.events.terminal().results().thresholds()).singleElement().satisfies(o -> assertThat(o.passed()).isFalse());
    }

    @Test
    void anUnreadableResultsFileFailsAGatedTaskNamingTheFile() {
        fixture.results.read(1, 40).measuring("p95", 100).unreadable("results/workers/2/out.jtl: line 3: not a number: 'x'");

        fixture.run(withThresholds(fixture.request().build(), below("p95", 500)));

        assertThat(fixture.events.terminal().failure().cause()).isEqualTo(FailureCause.TEST);
        assertThat(fixture.events.terminal().failure().message())
                .isEqualTo("a results file could not be read (thresholds not trusted): results/workers/2/out.jtl: line 3: not a number: 'x'");
    }

    @Test
    void aMasterThatFailedKeepsItsVerdictAndTheOutcomesAreStillReported() {
        fixture.swarm.script(Labels.Role.MASTER, (poll, n) -> poll < 2 ? List.of(running(1)) : List.of(complete(1, 3)));
        fixture.results.read(1, 10).measuring("p95", 612);

        fixture.run(withThresholds(fixture.request().build(), below("p95", 500)));

        assertThat(fixture.events.terminal().failure().message()).isEqualTo("the master exited with 3");
        assertThat(fixture.events.terminal().results().thresholds()).singleElement()
                .satisfies(o -> assertThat(o.message()).isEqualTo("p95 of all samples below 500.0 ms: was 612.0 ms, breached"));
    }

    @Test
    void aCancelledTaskStaysCancelledAndReportsItsResults() {
        TaskRequested request = withThresholds(fixture.request().build(), below("p95", 500));
        fixture.swarm.script(Labels.Role.MASTER, (poll, n) -> {
            if (poll == 3) {
                fixture.cancelled.add(request.taskId());
            }
            return List.of(running(1));
        });
        fixture.results.read(1, 10).measuring("p95", 612);

        fixture.run(request);

        assertThat(fixture.events.terminal().phase()).isEqualTo(Phase.CANCELLED);
        assertThat(fixture.events.terminal().results().thresholds()).hasSize(1);
        assertThat(fixture.journal.matching("stop master", "master.log", "summarize", "phase CANCELLED"))
                .containsExactly("stop master", "master.log", "summarize 1 threshold(s)", "phase CANCELLED");
    }

    @Test
    void theResultsAreSummarizedAfterTheLogsAndBeforeTheVerdictOnce() {
        fixture.run(fixture.request().build());

        assertThat(fixture.journal.matching("master.log", "worker-", "summarize", "phase SUCCEEDED"))
                .containsExactly("master.log", "worker-1.log", "worker-2.log", "worker-3.log", "summarize 0 threshold(s)", "phase SUCCEEDED");
    }

    @Test
    void aTaskThatEndedBeforeItsMasterStartedSummarizesNothing() {
        fixture.swarm.missingImage("atq/demo-master:1");

        fixture.run(withThresholds(fixture.request().build(), below("p95", 500)));

        assertThat(fixture.results.summarized()).isEmpty();
        assertThat(fixture.events.terminal().failure().cause()).isEqualTo(FailureCause.INFRA);
    }
}
