package io.atq.director.orchestration;

import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.names.Labels;
import io.atq.contracts.phase.Phase;
import io.atq.director.support.RunFixture;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.atq.director.support.FakeSwarmClient.running;
import static io.atq.director.support.Thresholds.below;
import static io.atq.director.support.Thresholds.withThresholds;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stopping director: with an heir it hands its runs over (each leaves its task exactly as it is); without one it
 * ends them. The "stop" is what {@link TaskRunner#stop} does to a run: an interrupt, here from inside a master poll.
 */
class HandOverRunTest {
    private final RunFixture fixture = new RunFixture();

    @Test
    void aRunHandedOverWhileTheMasterRunsRecordsNothingMoreAndRemovesNothing() {
        TaskRequested request = fixture.request().build();
        stopTheDirectorAtMasterPoll(3, true);

        TaskRun run = fixture.run(request);

        assertThat(fixture.events.moves()).containsExactly(
                "QUEUED->PROVISIONING", "PROVISIONING->STARTING_WORKERS", "STARTING_WORKERS->DISCOVERING",
                "DISCOVERING->STARTING_MASTER", "STARTING_MASTER->RUNNING");
        assertThat(run.phase()).isEqualTo(Phase.RUNNING);
        assertThat(fixture.swarm.stops()).as("the master runs on for the heir").isEmpty();
        assertThat(fixture.journal.matching("remove service m", "remove service w", "remove network", "cleaned up", "master.log",
                "logs by slot")).isEmpty();
        assertThat(run.provisioned()).isCompleted();
        assertThat(Thread.interrupted()).as("the stop request is kept for the runner").isTrue();
    }

    @Test
    void withoutAnHeirTheSameStopEndsTheTaskFailedAndRemovesIt() {
        TaskRequested request = fixture.request().build();
        stopTheDirectorAtMasterPoll(3, false);

        fixture.run(request);

        assertThat(fixture.events.terminal().phase()).isEqualTo(Phase.FAILED);
        assertThat(fixture.events.terminal().failure().message()).isEqualTo("the director stopped during RUNNING");
        assertThat(fixture.journal.matching("remove service m", "remove service w", "cleaned up"))
                .containsExactly("remove service master", "remove service worker", "cleaned up true");
        assertThat(Thread.interrupted()).isTrue();
    }

    @Test
    void aRunWhoseVerdictIsRecordedFinishesItsCleanUpEvenWhenHandingOver() {
        TaskRequested request = fixture.request().build();
        fixture.handOver.begin(); // already handing over, but this run reaches its verdict undisturbed
        fixture.run(request);

        assertThat(fixture.events.terminal().phase()).isEqualTo(Phase.SUCCEEDED);
        assertThat(fixture.journal.matching("cleaned up")).containsExactly("cleaned up true");
    }

    @Test
    void aRunHandedOverWhileSummarizingTheResultsLeavesTheVerdictToTheHeir() {
        // Interrupted, the results reader answers without numbers: a gate decided on that would fail for no reason.
        fixture.results.failing("results: not summarized: the director is stopping").onSummarize(() -> {
            fixture.handOver.begin();
            Thread.currentThread().interrupt();
        });

        TaskRun run = fixture.run(withThresholds(fixture.request().build(), below("p95", 500)));

        assertThat(fixture.events.moves()).endsWith("STARTING_MASTER->RUNNING", "RUNNING->COLLECTING");
        assertThat(run.phase()).isEqualTo(Phase.COLLECTING);
        assertThat(fixture.journal.matching("remove service m", "remove service w", "remove network", "cleaned up")).isEmpty();
        assertThat(Thread.interrupted()).as("the stop request is kept for the runner").isTrue();
    }

    /** At the master's n-th poll the director stops: handing over (an heir is alive) or not. */
    private void stopTheDirectorAtMasterPoll(int n, boolean handOver) {
        fixture.swarm.script(Labels.Role.MASTER, (poll, count) -> {
            if (poll == n) {
                if (handOver) {
                    fixture.handOver.begin();
                }
                Thread.currentThread().interrupt();
            }
            return List.of(running(1));
        });
    }
}
