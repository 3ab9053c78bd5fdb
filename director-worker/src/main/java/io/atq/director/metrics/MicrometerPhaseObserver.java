package io.atq.director.metrics;

import io.atq.contracts.phase.Phase;
import io.atq.director.orchestration.PhaseObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Counts every recorded move as {@value #MOVES} tagged with the phase entered, and times the phase left as
 * {@value #DURATION} (a percentile histogram, so quantiles aggregate across directors). Tags are phase names only.
 */
public final class MicrometerPhaseObserver implements PhaseObserver {
    /** Counter of phase moves recorded by this director, tagged {@code phase} (the phase entered). */
    public static final String MOVES = "atq.tasks.phase";
    /** Timer of the time a task spent in a phase, tagged {@code phase} (the phase that ended). */
    public static final String DURATION = "atq.phase.duration";

    private final Map<Phase, Counter> moves = new EnumMap<>(Phase.class);
    private final Map<Phase, Timer> durations = new EnumMap<>(Phase.class);

    public MicrometerPhaseObserver(MeterRegistry registry) {
        // Registered up front: every phase shows (at zero) from the first scrape, and a move costs no lookup.
        for (Phase phase : Phase.values()) {
            moves.put(phase, Counter.builder(MOVES)
                    .description("Phase moves recorded by this director, by the phase entered")
                    .tag("phase", phase.name())
                    .register(registry));
            if (!phase.isTerminal()) {
                durations.put(phase, Timer.builder(DURATION)
                        .description("Time tasks spent in a phase, by the phase that ended")
                        .tag("phase", phase.name())
                        .publishPercentileHistogram()
                        .minimumExpectedValue(Duration.ofMillis(10))
                        .maximumExpectedValue(Duration.ofHours(1))
                        .register(registry));
            }
        }
    }

    @Override
    public void moved(Phase from, Phase to, Optional<Duration> timeInFrom) {
        // Every phase has a counter, and every phase a move leaves (never a terminal one) a timer.
        Objects.requireNonNull(moves.get(to)).increment();
        Timer timer = Objects.requireNonNull(durations.get(from));
        // A negative span means the gateway's clock is ahead of ours; it says nothing about the phase.
        timeInFrom.filter(d -> !d.isNegative()).ifPresent(d -> timer.record(d));
    }
}
