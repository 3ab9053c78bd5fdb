package io.atq.director.orchestration;

import io.atq.contracts.messages.Evidence;
import io.atq.contracts.messages.ResultSummary;
import io.atq.contracts.messages.TaskPhaseChanged;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.phase.Phase;
import io.atq.director.support.RunFixture;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The terminal phase carries what the master wrote to results/summary.json; a bad file is an evidence problem, never a verdict. */
class ResultSummaryRunTest {
    private final RunFixture fixture = new RunFixture();

    @Test
    void theMastersSummaryTravelsOnTheTerminalPhaseOnly() {
        TaskRequested request = fixture.request().build();
        fixture.files.writeSummary(request.taskId(), """
                {"samples": 40, "errors": 1, "throughput": 8.5, "latencyMs": {"p50": 2, "p99": 9.5}, "metrics": {"workers_reached": 3}}""");
        fixture.run(request);

        TaskPhaseChanged end = fixture.events.terminal();
        assertThat(end.phase()).isEqualTo(Phase.SUCCEEDED);
        assertThat(end.summary()).isEqualTo(new ResultSummary(40L, 1L, 8.5, Map.of("p50", 2.0, "p99", 9.5), Map.of("workers_reached", 3.0)));
        assertThat(end.evidence()).isEqualTo(Evidence.COMPLETE);
        assertThat(fixture.events.phaseEvents()).filteredOn(e -> !e.phase().isTerminal()).allSatisfy(e -> assertThat(e.summary()).isNull());
    }

    @Test
    void aMasterThatWroteNoSummaryEndsWithoutOne() {
        TaskRequested request = fixture.request().build();
        fixture.run(request);

        assertThat(fixture.events.terminal().summary()).isNull();
        assertThat(fixture.events.terminal().evidence()).isEqualTo(Evidence.COMPLETE);
    }

    @Test
    void anUnusableSummaryIsAnEvidenceProblemAndTheVerdictStaysTheMasters() {
        TaskRequested request = fixture.request().build();
        fixture.files.writeSummary(request.taskId(), "{\"samples\": 2, \"errors\": 5}");
        fixture.run(request);

        TaskPhaseChanged end = fixture.events.terminal();
        assertThat(end.phase()).isEqualTo(Phase.SUCCEEDED);
        assertThat(end.summary()).isNull();
        assertThat(end.evidence().problems()).containsExactly("results/summary.json: errors: 5 is more than samples 2");
    }
}
