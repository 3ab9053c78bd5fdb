package io.atq.director.metrics;

import io.atq.contracts.phase.Phase;
import io.atq.contracts.tasks.TaskId;
import io.atq.director.orchestration.PhaseRecorder;
import io.atq.director.support.MutableClock;
import io.atq.director.support.RecordingTaskEvents;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class PhaseMetricsTest {
    private static final TaskId T_1 = TaskId.parse("00000000-0000-4000-8000-000000000001");
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MutableClock clock = MutableClock.at("2026-01-01T10:00:00Z");
    private final Instant requestedAt = clock.instant();

    @Test
    void everyMoveIsCountedByThePhaseEntered() {
        PhaseRecorder phases = recorder();

        phases.move(Phase.PROVISIONING);
        phases.move(Phase.STARTING_WORKERS);
        phases.move(Phase.CANCELLED);

        assertThat(moves(Phase.PROVISIONING)).isEqualTo(1);
        assertThat(moves(Phase.STARTING_WORKERS)).isEqualTo(1);
        assertThat(moves(Phase.CANCELLED)).isEqualTo(1);
        assertThat(moves(Phase.SUCCEEDED)).isZero();
    }

    @Test
    void theTimeSpentInAPhaseIsRecordedWhenItEndsStartingWithTheQueueWait() {
        PhaseRecorder phases = recorder();

        clock.advance(Duration.ofSeconds(3));
        phases.move(Phase.PROVISIONING);
        clock.advance(Duration.ofMillis(250));
        phases.move(Phase.STARTING_WORKERS);

        assertThat(duration(Phase.QUEUED).count()).isEqualTo(1);
        assertThat(duration(Phase.QUEUED).totalTime(TimeUnit.MILLISECONDS)).isEqualTo(3000);
        assertThat(duration(Phase.PROVISIONING).totalTime(TimeUnit.MILLISECONDS)).isEqualTo(250);
        assertThat(duration(Phase.STARTING_WORKERS).count()).isZero();
    }

    @Test
    void aTakenOverPhaseIsCountedButNotTimedBecauseItsStartIsUnknown() {
        PhaseRecorder phases = new PhaseRecorder(T_1, clock.instant(), "d-1", new RecordingTaskEvents(), clock, Phase.RUNNING,
                PhaseRecorder.Reporting.forCallback(null, new MicrometerPhaseObserver(registry)));

        clock.advance(Duration.ofSeconds(1));
        phases.move(Phase.FAILED);

        assertThat(moves(Phase.FAILED)).isEqualTo(1);
        assertThat(duration(Phase.RUNNING).count()).isZero();
    }

    @Test
    void everyPhaseShowsFromTheStartAndDurationsHaveAPrometheusHistogram() {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new MicrometerPhaseObserver(prometheus);

        assertThat(prometheus.find(MicrometerPhaseObserver.MOVES).counters()).hasSize(Phase.values().length);
        assertThat(prometheus.scrape()).contains("atq_phase_duration_seconds_bucket{phase=\"RUNNING\",le=",
                "atq_tasks_phase_total{phase=\"SUCCEEDED\"} 0");
    }

    private PhaseRecorder recorder() {
        return new PhaseRecorder(T_1, requestedAt, "d-1", new RecordingTaskEvents(), clock, null,
                PhaseRecorder.Reporting.forCallback(null, new MicrometerPhaseObserver(registry)));
    }

    private double moves(Phase phase) {
        return registry.get(MicrometerPhaseObserver.MOVES).tag("phase", phase.name()).counter().count();
    }

    private Timer duration(Phase phase) {
        return registry.get(MicrometerPhaseObserver.DURATION).tag("phase", phase.name()).timer();
    }
}
