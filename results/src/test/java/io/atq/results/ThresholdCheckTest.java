package io.atq.results;

import io.atq.contracts.messages.Threshold;
import io.atq.contracts.messages.ThresholdOutcome;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Thresholds on the merged results: strict bounds, overall or per label, failing closed without a measurement. */
class ThresholdCheckTest {
    private static final long T0 = 1_796_601_600_000L;

    /** 100 "home" samples of 1 to 100 ms (every 10th failed), then 50 "login" samples of 200 ms, 100 ms apart. */
    private static final ResultsSummary SUMMARY = summary(new Samples(10));

    private static ResultsSummary summary(Samples samples) {
        for (int i = 0; i < 150; i++) {
            samples.add(i < 100 ? new Sample(T0 + i * 100L, (i + 1) * 1_000L, "home", i % 10 != 0)
                    : new Sample(T0 + i * 100L, 200_000, "login", true));
        }
        return ResultsSummary.of(samples, List.of(), List.of(), List.of());
    }

    private static ThresholdOutcome check(Threshold threshold) {
        return ThresholdCheck.evaluate(List.of(threshold), SUMMARY).getFirst();
    }

    private static Threshold below(String metric, String label, double bound) {
        return new Threshold(metric, label, bound, null);
    }

    private static Threshold above(String metric, String label, double bound) {
        return new Threshold(metric, label, null, bound);
    }

    @Test
    void aLatencyUnderItsBoundHolds() {
        ThresholdOutcome outcome = check(below("p95", Threshold.ALL_LABELS, 500));

        assertThat(outcome.passed()).isTrue();
        assertThat(outcome.measured()).isEqualTo(SUMMARY.overall().p95Millis());
        assertThat(outcome.message()).isEqualTo("p95 of all samples below 500.0 ms: was 200.1 ms, held");
    }

    @Test
    void aLabelsLatencyOverItsBoundIsBreached() {
        ThresholdOutcome outcome = check(below("p95", "home", 50));

        assertThat(outcome.passed()).isFalse();
        assertThat(outcome.measured()).isEqualTo(SUMMARY.labels().get("home").p95Millis());
        assertThat(outcome.message()).isEqualTo("p95 of label 'home' below 50.0 ms: was 95.0 ms, breached");
    }

    @Test
    void aValueEqualToItsBoundIsBreached() {
        assertThat(check(below("min", "home", 1.0))).extracting(ThresholdOutcome::measured, ThresholdOutcome::passed)
                .containsExactly(1.0, false);
        assertThat(check(above("samples", Threshold.ALL_LABELS, 150))).extracting(ThresholdOutcome::measured, ThresholdOutcome::passed)
                .containsExactly(150.0, false);
        assertThat(check(below("errors", "home", 11)).passed()).isTrue();
    }

    @Test
    void theErrorRateIsAFractionOfTheLabelsOrAllSamples() {
        assertThat(check(below("errorRate", "home", 0.1)).message())
                .isEqualTo("errorRate of label 'home' below 0.1000: was 0.1000, breached");
        assertThat(check(below("errorRate", Threshold.ALL_LABELS, 0.1)).message())
                .isEqualTo("errorRate of all samples below 0.1000: was 0.0667, held");
        assertThat(check(below("errorRate", "login", 0.001)).passed()).isTrue();
    }

    @Test
    void throughputIsSamplesPerSecondFromTheFirstStartToTheLastEnd() {
        ThresholdOutcome outcome = check(above("throughput", Threshold.ALL_LABELS, 9.0));

        assertThat(outcome.passed()).isTrue();
        assertThat(outcome.measured()).isEqualTo(150 * 1000.0 / 15_100);
        assertThat(outcome.message()).isEqualTo("throughput of all samples above 9.0/s: was 9.9/s, held");
        assertThat(check(above("throughput", Threshold.ALL_LABELS, 10.0)).passed()).isFalse();
    }

    @Test
    void aLabelWithoutSamplesIsNotMeasuredAndFails() {
        ThresholdOutcome outcome = check(below("p95", "checkout", 500));

        assertThat(outcome).isEqualTo(new ThresholdOutcome(below("p95", "checkout", 500), null, false,
                "p95 of label 'checkout' below 500.0 ms: no sample has that label"));
    }

    @Test
    void aLabelMissingFromCappedLabelsSaysWhereItsSamplesMayBe() {
        ResultsSummary capped = summary(new Samples(1));

        ThresholdOutcome outcome = ThresholdCheck.evaluate(List.of(below("p95", "login", 500)), capped).getFirst();

        assertThat(outcome.passed()).isFalse();
        assertThat(outcome.message()).endsWith("no sample has that label (labels past the limit are counted under '(other labels)')");
    }

    @Test
    void withoutSamplesEveryThresholdFailsInItsOrder() {
        ResultsSummary empty = ResultsSummary.of(new Samples(10), List.of(), List.of(), List.of());

        List<ThresholdOutcome> outcomes = ThresholdCheck.evaluate(
                List.of(below("errors", Threshold.ALL_LABELS, 1), above("samples", "home", 0)), empty);

        assertThat(outcomes).extracting(ThresholdOutcome::message).containsExactly(
                "errors of all samples below 1: no samples were read", "samples of label 'home' above 0: no samples were read");
        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.measured()).isNull());
    }

    @Test
    void anUnknownMetricFails() {
        assertThat(check(below("p42", Threshold.ALL_LABELS, 1)).message())
                .startsWith("p42 of all samples below 1.0: no such metric (min, mean");
    }
}
