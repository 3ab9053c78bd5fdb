package io.atq.director.orchestration;

import io.atq.contracts.messages.ResultsHeadline;
import io.atq.contracts.messages.Threshold;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.atq.director.orchestration.ThresholdVerdictTest.breached;
import static io.atq.director.orchestration.ThresholdVerdictTest.measured;
import static io.atq.director.support.Thresholds.below;
import static org.assertj.core.api.Assertions.assertThat;

/** What the terminal event says of the results ({@link ThresholdVerdict#reported}). */
class ReportedResultsTest {
    private static final Threshold P95 = below("p95", 500);

    @Test
    void noResultsFileAndNoThresholdSayNothing() {
        assertThat(ThresholdVerdict.reported(List.of(), measured(0, List.of()))).isNull();
        assertThat(ThresholdVerdict.reported(List.of(), null)).isNull();
        assertThat(ThresholdVerdict.reported(List.of(), new TaskResults.NotMeasured("results: cannot read: EIO"))).isNull();
    }

    @Test
    void resultsFilesAreReportedWithoutThresholdsToo() {
        TaskResults.Measured measured = measured(2, List.of());

        assertThat(ThresholdVerdict.reported(List.of(), measured)).isSameAs(measured.headline());
        assertThat(ThresholdVerdict.reported(List.of(), measured(0, List.of("results/a.jtl: empty")))).isNotNull();
    }

    @Test
    void thresholdsAreReportedEvenWithoutAResultsFile() {
        TaskResults.Measured measured = measured(0, List.of(), breached(P95, 612.0));

        assertThat(ThresholdVerdict.reported(List.of(P95), measured)).isSameAs(measured.headline());
    }

    @Test
    void resultsThatCouldNotBeSummarizedReportEveryThresholdAsNotEvaluatedAndWhy() {
        ResultsHeadline reported = ThresholdVerdict.reported(List.of(P95), new TaskResults.NotMeasured("results: not summarized within PT1M"));

        assertThat(reported.filesRead()).isZero();
        assertThat(reported.samples()).isZero();
        assertThat(reported.unreadable()).containsExactly("results: not summarized within PT1M");
        assertThat(reported.thresholds()).singleElement().satisfies(outcome -> {
            assertThat(outcome.threshold()).isEqualTo(P95);
            assertThat(outcome.passed()).isFalse();
            assertThat(outcome.measured()).isNull();
            assertThat(outcome.message()).isEqualTo("p95 of all samples below 500.0 ms: not evaluated (results: not summarized within PT1M)");
        });
        assertThat(reported.thresholdsPassed()).isFalse();
    }
}
