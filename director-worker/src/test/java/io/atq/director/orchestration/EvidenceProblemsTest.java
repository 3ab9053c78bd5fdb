package io.atq.director.orchestration;

import io.atq.contracts.messages.Evidence;
import io.atq.contracts.messages.TaskPhaseChanged;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.names.Labels;
import io.atq.contracts.phase.Phase;
import io.atq.director.support.RunFixture;
import io.atq.director.swarm.SwarmException;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The terminal phase says whether the task's evidence was kept whole; the verdict stays the master's. */
class EvidenceProblemsTest {
    private final RunFixture fixture = new RunFixture();

    @Test
    void aRunWhoseLogsWereWrittenReportsCompleteEvidenceOnTheTerminalPhaseOnly() {
        TaskRequested request = fixture.request().build();
        fixture.run(request);

        assertThat(fixture.events.terminal().evidence()).isEqualTo(Evidence.COMPLETE);
        assertThat(fixture.events.phaseEvents()).filteredOn(e -> !e.phase().isTerminal())
                .allSatisfy(e -> assertThat(e.evidence()).isNull());
    }

    @Test
    void aPassingTestWhoseLogsCannotBeWrittenStillSucceedsAndSaysWhy() {
        fixture.files.failingWrites("master.log", "No space left on device")
                .failingWrites("workers/worker-1.log", "No space left on device");
        fixture.swarm.log(Labels.Role.WORKER, "listening\n");
        TaskRequested request = fixture.request().workers(2).build();
        fixture.run(request);

        TaskPhaseChanged end = fixture.events.terminal();
        assertThat(end.phase()).isEqualTo(Phase.SUCCEEDED);
        assertThat(end.evidence().complete()).isFalse();
        assertThat(end.evidence().problems()).containsExactly(
                "master.log: cannot write: No space left on device (4 lines not written)",
                "workers/worker-1.log: cannot write: No space left on device (1 lines not written)");
    }

    @Test
    void aLogOverTheCapIsCutWithOneLastLineAndTheTerminalPhaseSaysSo() {
        fixture.settings = new RunSettings(RunFixture.INSTANCE, RunFixture.DIRECTOR, Duration.ofMillis(200), Duration.ofSeconds(2),
                Duration.ofMinutes(2), Duration.ofMinutes(2), Duration.ofMinutes(2), Duration.ofMinutes(1), 30);
        fixture.swarm.log(Labels.Role.MASTER, "0123456789\n0123456789\n0123456789\nlast\n");
        TaskRequested request = fixture.request().workers(1).build();
        fixture.run(request);

        assertThat(fixture.files.masterLog(request.taskId())).isEqualTo("0123456789\n0123456789\n"
                + "[atq] log truncated at 30 bytes: 16 more bytes in 2 lines left out\n");
        assertThat(fixture.events.terminal().phase()).isEqualTo(Phase.SUCCEEDED);
        assertThat(fixture.events.terminal().evidence().problems())
                .containsExactly("master.log: truncated at 30 bytes, 16 bytes in 2 lines left out");
    }

    @Test
    void aLogDockerCannotGiveIsReported() {
        fixture.swarm.failingLogReads(Labels.Role.MASTER, new SwarmException(SwarmException.Kind.UNAVAILABLE, "read logs", "no log data for PT30S", null));
        TaskRequested request = fixture.request().build();
        fixture.run(request);

        assertThat(fixture.events.terminal().phase()).isEqualTo(Phase.SUCCEEDED);
        assertThat(fixture.events.terminal().evidence().problems()).singleElement().asString()
                .startsWith("master.log: Docker could not give the log: ").contains("no log data for PT30S");
    }
}
