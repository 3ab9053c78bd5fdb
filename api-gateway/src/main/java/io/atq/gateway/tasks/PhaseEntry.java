package io.atq.gateway.tasks;

import io.atq.contracts.messages.Failure;
import io.atq.contracts.messages.TaskPhaseChanged;
import io.atq.contracts.messages.TaskRequested;
import io.atq.contracts.phase.Phase;

import java.time.Instant;
import java.util.List;

/**
 * One phase a task entered, with what the move carried (kept so an event stream can replay it).
 *
 * @param phase           the phase entered
 * @param at              when
 * @param director        the director that made the move ({@code null} for {@code QUEUED})
 * @param workerAddresses the workers' addresses the move carried, else empty
 * @param exitCode        the master's exit code the move carried, else {@code null}
 * @param failure         why the task did not succeed, if the move said
 */
public record PhaseEntry(Phase phase, Instant at, String director, List<String> workerAddresses, Integer exitCode,
                         Failure failure) {
    public PhaseEntry {
        workerAddresses = workerAddresses == null ? List.of() : List.copyOf(workerAddresses);
    }

    /** The implied first entry: QUEUED when the gateway accepted the request. */
    static PhaseEntry queued(TaskRequested requested) {
        return new PhaseEntry(Phase.QUEUED, requested.requestedAt(), null, List.of(), null, null);
    }

    static PhaseEntry of(TaskPhaseChanged change) {
        return new PhaseEntry(change.phase(), change.at(), change.director(), change.workerAddresses(),
                change.exitCode(), change.failure());
    }
}
