package io.atq.director.orchestration;

import io.atq.contracts.config.AtqConfig;
import io.atq.director.swarm.SwarmClient;

import java.time.Clock;

/**
 * What every run of this director works with, built once: the settings, the configuration, Swarm, the task folders,
 * the results reader, time, the cancel signal, the test-only pause point, the observer of phase moves and the
 * hand-over signal of a stopping director. A run adds its request, its start and its events.
 */
public record RunTools(RunSettings settings, AtqConfig config, SwarmClient swarm, TaskFiles files, TaskResults results,
                       Clock clock, Sleeper sleeper, CancelSignal cancel, PausePoint pause, PhaseObserver observer,
                       HandOver handOver) {
    /** Tools without a pause point or an observer, with a hand-over of their own (tests, benchmarks). */
    public RunTools(RunSettings settings, AtqConfig config, SwarmClient swarm, TaskFiles files, TaskResults results, Clock clock,
                    Sleeper sleeper, CancelSignal cancel) {
        this(settings, config, swarm, files, results, clock, sleeper, cancel, PausePoint.NONE, PhaseObserver.NONE, new HandOver());
    }
}
