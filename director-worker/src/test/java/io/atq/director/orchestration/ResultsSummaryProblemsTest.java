package io.atq.director.orchestration;

import io.atq.contracts.messages.TaskPhaseChanged;
import io.atq.contracts.phase.FailureCause;
import io.atq.contracts.phase.Phase;
import io.atq.director.support.RunFixture;
import org.junit.jupiter.api.Test;

import static io.atq.director.support.Thresholds.below;
import static io.atq.director.support.Thresholds.withThresholds;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Summarizing the results can fail (the shared folder refuses, the budget runs out): an evidence problem, which changes
 * no verdict by itself; a gated task cannot pass a gate nobody could check.
 */
class ResultsSummaryProblemsTest {
    private final RunFixture fixture = new RunFixture();

    @Test
    void resultsThatCannotBeSummarizedAreAnEvidenceProblemAndTheMastersSuccessStands() {
        fixture.results.failing("results: cannot read: Input/output error");

        fixture.run(fixture.request().build());

        TaskPhaseChanged end = fixture.events.terminal();
        assertThat(end.phase()).isEqualTo(Phase.SUCCEEDED);
        assertThat(end.results()).isNull();
        assertThat(end.evidence().complete()).isFalse();
        assertThat(end.evidence().problems()).containsExactly("results: cannot read: Input/output error");
    }

    @Test
    void aGatedTaskWhoseResultsCannotBeSummarizedFailsAsTheInfrastructuresFault() {
        fixture.results.failing("results: not summarized within PT2M");

        fixture.run(withThresholds(fixture.request().build(), below("p95", 500)));

        TaskPhaseChanged end = fixture.events.terminal();
        assertThat(end.phase()).isEqualTo(Phase.FAILED);
        assertThat(end.failure().cause()).isEqualTo(FailureCause.INFRA);
        assertThat(end.failure().message()).isEqualTo("thresholds not evaluated: results: not summarized within PT2M");
        assertThat(end.results().thresholds()).singleElement().satisfies(o -> assertThat(o.message())
                .isEqualTo("p95 of all samples below 500.0 ms: not evaluated (results: not summarized within PT2M)"));
    }

    @Test
    void aSummaryDocumentThatCannotBeWrittenIsAnEvidenceProblemAndTheThresholdsStillDecide() {
        fixture.results.read(1, 50).measuring("p95", 100).withProblem("results-summary.json: cannot write: No space left on device");

        fixture.run(withThresholds(fixture.request().build(), below("p95", 500)));

        TaskPhaseChanged end = fixture.events.terminal();
        assertThat(end.phase()).isEqualTo(Phase.SUCCEEDED);
        assertThat(end.results().thresholdsPassed()).isTrue();
        assertThat(end.evidence().problems()).containsExactly("results-summary.json: cannot write: No space left on device");
    }

    @Test
    void resultsFilesWithoutThresholdsAreReportedAndChangeNothing() {
        fixture.results.read(4, 800).unreadable("results/workers/1/x.csv: no header");

        fixture.run(fixture.request().build());

        TaskPhaseChanged end = fixture.events.terminal();
        assertThat(end.phase()).isEqualTo(Phase.SUCCEEDED);
        assertThat(end.results().filesRead()).isEqualTo(4);
        assertThat(end.results().unreadable()).containsExactly("results/workers/1/x.csv: no header");
    }
}
