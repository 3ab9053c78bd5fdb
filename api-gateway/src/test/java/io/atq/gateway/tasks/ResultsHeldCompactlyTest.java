package io.atq.gateway.tasks;

import io.atq.contracts.messages.ResultsHeadline;
import io.atq.contracts.messages.TaskPhaseChanged;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.messages.TaskSpec;
import io.atq.contracts.messages.Threshold;
import io.atq.contracts.messages.ThresholdOutcome;
import io.atq.contracts.phase.Phase;
import io.atq.contracts.tasks.TaskId;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.atq.gateway.tasks.TaskMessages.DIRECTOR;
import static io.atq.gateway.tasks.TaskMessages.at;
import static org.assertj.core.api.Assertions.assertThat;

/** The read model holds an ended task's results headline compactly, and gives back exactly the headline received. */
class ResultsHeldCompactlyTest {
    private static final TaskId ID = TaskId.parse("5b2c0000-0000-4000-8000-000000000001");
    private static final Threshold P95 = new Threshold("p95", "*", 500.0, null);
    private static final Threshold SAMPLES = new Threshold("samples", "login", null, 10.0);

    private static TaskSpec spec() {
        TaskSpec plain = TaskMessages.spec();
        return new TaskSpec(plain.name(), plain.workers(), plain.master(), plain.timeout(), Map.of(), null, null, List.of(P95, SAMPLES));
    }

    /** The outcomes as decoded from a message: equal to the spec's thresholds, other instances. */
    private static List<ThresholdOutcome> outcomes() {
        return List.of(new ThresholdOutcome(new Threshold(new String("p95"), "*", 500.0, null), 612.0, false,
                        "p95 of all samples below 500.0 ms: was 612.0 ms"),
                new ThresholdOutcome(new Threshold("samples", new String("login"), null, 10.0), null, false,
                        "samples of label 'login' above 10: no sample has this label"));
    }

    private static TaskState endedWith(ResultsHeadline headline) {
        return TaskState.requested(new TaskRequested(ID, spec(), at(0)))
                .apply(new TaskPhaseChanged(ID, Phase.FAILED, at(9), DIRECTOR, List.of(), 0, null, Map.of(), null, Map.of(), null, headline));
    }

    @Test
    void givesBackTheHeadlineItWasGivenWithEveryLatencyAndAnUnmeasuredOutcome() {
        ResultsHeadline headline = new ResultsHeadline(800, 12, 0.015, 26.7,
                Map.of("min", 1.5, "mean", 40.25, "p50", 30.0, "p90", 80.0, "p95", 612.0, "p99", 900.0, "max", 1500.0), 3,
                List.of("results/workers/1/out.jtl: cannot read: Permission denied"), outcomes());

        TaskState ended = endedWith(headline);

        assertThat(ended.results()).isEqualTo(headline);
        assertThat(ended.results().latencyMs()).containsExactly(Map.entry("max", 1500.0), Map.entry("mean", 40.25),
                Map.entry("min", 1.5), Map.entry("p50", 30.0), Map.entry("p90", 80.0), Map.entry("p95", 612.0),
                Map.entry("p99", 900.0));
        assertThat(ended.results().thresholds().get(1).measured()).isNull();
    }

    @Test
    void keepsAHeadlineWithoutSamplesOrWithLatenciesUnderOtherNames() {
        ResultsHeadline empty = new ResultsHeadline(0, 0, 0, 0, Map.of(), 0, List.of(), List.of());
        ResultsHeadline other = new ResultsHeadline(5, 0, 0, 1.0, Map.of("p50", 3.0, "p999", 9.0), 1, List.of(), List.of());

        assertThat(endedWith(empty).results()).isEqualTo(empty);
        assertThat(endedWith(other).results()).isEqualTo(other);
    }

    @Test
    void anOutcomesThresholdIsTheTasksOwnSpecInstance() {
        TaskState ended = endedWith(new ResultsHeadline(1, 0, 0, 1.0, Map.of("p95", 612.0), 1, List.of(), outcomes()));

        assertThat(ended.results().thresholds().get(0).threshold()).isSameAs(ended.spec().thresholds().get(0));
        assertThat(ended.results().thresholds().get(1).threshold()).isSameAs(ended.spec().thresholds().get(1));
    }

    @Test
    void theSameMessagesGiveAnEqualState() {
        ResultsHeadline headline = new ResultsHeadline(1, 0, 0, 1.0, Map.of("p95", 612.0), 1, List.of(), outcomes());

        assertThat(endedWith(headline)).isEqualTo(endedWith(headline)).hasSameHashCodeAs(endedWith(headline));
        assertThat(endedWith(headline).history().getLast().results())
                .isNotEqualTo(endedWith(new ResultsHeadline(1, 0, 0, 1.0, Map.of("p95", 613.0), 1, List.of(), outcomes())).history().getLast().results());
    }
}
