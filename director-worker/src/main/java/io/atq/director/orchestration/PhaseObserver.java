package io.atq.director.orchestration;

import io.atq.contracts.phase.Phase;

import java.time.Duration;
import java.util.Optional;

/** Told of every phase move a {@link PhaseRecorder} records (metrics, for example); must not throw or block. */
@FunctionalInterface
public interface PhaseObserver {
    /** Observes nothing. */
    PhaseObserver NONE = (from, to, timeInFrom) -> {
    };

    /**
     * A task moved.
     *
     * @param timeInFrom how long the task spent in {@code from}; empty when this director does not know when it began
     *                   (a takeover)
     */
    void moved(Phase from, Phase to, Optional<Duration> timeInFrom);
}
