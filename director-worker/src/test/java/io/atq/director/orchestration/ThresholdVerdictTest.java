package io.atq.director.orchestration;

import io.atq.contracts.messages.Failure;
import io.atq.contracts.messages.ResultsHeadline;
import io.atq.contracts.messages.Threshold;
import io.atq.contracts.messages.ThresholdOutcome;
import io.atq.contracts.phase.FailureCause;
import io.atq.contracts.phase.Phase;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.atq.director.support.Thresholds.above;
import static io.atq.director.support.Thresholds.below;
import static org.assertj.core.api.Assertions.assertThat;

/** The thresholds' gate on a master that succeeded: every rule of {@link ThresholdVerdict}, in its order. */
class ThresholdVerdictTest {
    private static final Verdict.Outcome SUCCEEDED = new Verdict.Outcome(Phase.SUCCEEDED, null);
    private static final Threshold P95 = below("p95", 500);
    private static final Threshold ERRORS = below("errorRate", 0.01);
    private static final Threshold THROUGHPUT = above("throughput", 50);

    @Test
    void aMasterThatDidNotSucceedKeepsItsVerdictWhateverTheThresholds() {
        for (Verdict.Outcome master : List.of(
                new Verdict.Outcome(Phase.FAILED, Failure.of(FailureCause.TEST, "the master exited with 3")),
                new Verdict.Outcome(Phase.CANCELLED, Failure.because("cancelled in RUNNING")),
                new Verdict.Outcome(Phase.TIMED_OUT, Failure.because("timed out in RUNNING")))) {
            assertThat(ThresholdVerdict.decide(master, List.of(P95), measured(1, List.of(), breached(P95, 612.0))))
                    .isEqualTo(master);
        }
    }

    @Test
    void withoutThresholdsTheMastersSuccessStandsWhateverTheResults() {
        assertThat(ThresholdVerdict.decide(SUCCEEDED, List.of(), null)).isEqualTo(SUCCEEDED);
        assertThat(ThresholdVerdict.decide(SUCCEEDED, List.of(), new TaskResults.NotMeasured("results: cannot read: EIO"))).isEqualTo(SUCCEEDED);
        assertThat(ThresholdVerdict.decide(SUCCEEDED, List.of(), measured(0, List.of("results/a.jtl: line 2: bad")))).isEqualTo(SUCCEEDED);
    }

    @Test
    void thresholdsThatAllHeldOnReadableResultsSucceed() {
        assertThat(ThresholdVerdict.decide(SUCCEEDED, List.of(P95, THROUGHPUT),
                measured(2, List.of(), held(P95, 412.0), held(THROUGHPUT, 80.0)))).isEqualTo(SUCCEEDED);
    }

    @Test
    void aBreachedThresholdFailsTheTestNamingItAndTheValueMeasured() {
        Verdict.Outcome outcome = ThresholdVerdict.decide(SUCCEEDED, List.of(P95, ERRORS),
                measured(3, List.of(), breached(P95, 612.0), held(ERRORS, 0.002)));

        assertThat(outcome.phase()).isEqualTo(Phase.FAILED);
        assertThat(outcome.failure()).isEqualTo(Failure.of(FailureCause.TEST, "threshold breached: p95 of all samples below 500.0 ms: was 612.0 ms"));
    }

    @Test
    void everyBreachedThresholdIsNamed() {
        Verdict.Outcome outcome = ThresholdVerdict.decide(SUCCEEDED, List.of(P95, ERRORS, THROUGHPUT),
                measured(3, List.of(), breached(P95, 612.0), breached(ERRORS, 0.05), held(THROUGHPUT, 80.0)));

        assertThat(outcome.failure().message()).isEqualTo("2 thresholds breached: p95 of all samples below 500.0 ms: was 612.0 ms; "
                + "errorRate of all samples below 0.0100: was 0.0500");
    }

    @Test
    void aThresholdNothingCouldBeMeasuredForIsBreachedAndSaysWhy() {
        Threshold checkout = new Threshold("p95", "checkout", 500.0, null);
        ThresholdOutcome none = new ThresholdOutcome(checkout, null, false, checkout.describe() + ": no sample has that label");

        assertThat(ThresholdVerdict.decide(SUCCEEDED, List.of(checkout), measured(1, List.of(), none)).failure())
                .isEqualTo(Failure.of(FailureCause.TEST, "threshold breached: p95 of label 'checkout' below 500.0 ms: no sample has that label"));
    }

    @Test
    void anUnreadableResultsFileFailsClosedNamingItEvenWhenEveryThresholdHeldOnTheRest() {
        Verdict.Outcome outcome = ThresholdVerdict.decide(SUCCEEDED, List.of(P95),
                measured(2, List.of("results/workers/2/k6.csv: line 7: no timestamp"), held(P95, 300.0)));

        assertThat(outcome.phase()).isEqualTo(Phase.FAILED);
        assertThat(outcome.failure()).isEqualTo(Failure.of(FailureCause.TEST,
                "a results file could not be read (thresholds not trusted): results/workers/2/k6.csv: line 7: no timestamp"));
    }

    @Test
    void unreadableFilesAreNamedUpToFiveAndBreachesOnTheRestFollow() {
        List<String> unreadable = List.of("results/1.jtl: a", "results/2.jtl: b", "results/3.jtl: c", "results/4.jtl: d",
                "results/5.jtl: e", "results/6.jtl: f", "results/7.jtl: g");

        String message = ThresholdVerdict.decide(SUCCEEDED, List.of(P95), measured(1, unreadable, breached(P95, 612.0))).failure().message();

        assertThat(message).isEqualTo("7 results files could not be read (thresholds not trusted): results/1.jtl: a; results/2.jtl: b; "
                + "results/3.jtl: c; results/4.jtl: d; results/5.jtl: e; and 2 more; "
                + "threshold breached: p95 of all samples below 500.0 ms: was 612.0 ms");
    }

    @Test
    void noResultsFileAtAllFailsClosed() {
        Verdict.Outcome outcome = ThresholdVerdict.decide(SUCCEEDED, List.of(P95), measured(0, List.of(), unmeasured(P95)));

        assertThat(outcome.failure()).isEqualTo(Failure.of(FailureCause.TEST, "no results file was read: no threshold can be checked"));
    }

    @Test
    void onlyUnreadableFilesAreNamedWithoutTheBreachesTheirMissingSamplesCause() {
        String message = ThresholdVerdict.decide(SUCCEEDED, List.of(P95), measured(0, List.of("results/a.jtl: empty"), unmeasured(P95)))
                .failure().message();

        assertThat(message).isEqualTo("a results file could not be read (thresholds not trusted): results/a.jtl: empty");
    }

    @Test
    void resultsThatCouldNotBeSummarizedFailTheGateAsTheInfrastructuresFault() {
        Verdict.Outcome outcome = ThresholdVerdict.decide(SUCCEEDED, List.of(P95), new TaskResults.NotMeasured("results: not summarized within PT1M"));

        assertThat(outcome.failure()).isEqualTo(Failure.of(FailureCause.INFRA, "thresholds not evaluated: results: not summarized within PT1M"));
        assertThat(ThresholdVerdict.decide(SUCCEEDED, List.of(P95), null).failure())
                .isEqualTo(Failure.of(FailureCause.INFRA, "thresholds not evaluated: the results were not summarized"));
    }

    static TaskResults.Measured measured(int filesRead, List<String> unreadable, ThresholdOutcome... outcomes) {
        return new TaskResults.Measured(new ResultsHeadline(120, 1, 1 / 120.0, 12.5, Map.of("p95", 450.0), filesRead, unreadable,
                List.of(outcomes)), List.of());
    }

    static ThresholdOutcome held(Threshold threshold, double value) {
        return new ThresholdOutcome(threshold, value, true, threshold.describe() + ": was " + value + ", held");
    }

    static ThresholdOutcome breached(Threshold threshold, double value) {
        String shown = threshold.metric().equals("p95") ? String.format(java.util.Locale.ROOT, "%.1f ms", value)
                : String.format(java.util.Locale.ROOT, "%.4f", value);
        return new ThresholdOutcome(threshold, value, false, threshold.describe() + ": was " + shown + ", breached");
    }

    static ThresholdOutcome unmeasured(Threshold threshold) {
        return new ThresholdOutcome(threshold, null, false, threshold.describe() + ": no samples were read");
    }
}
