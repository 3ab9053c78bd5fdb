package io.atq.contracts.phase;

import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The life cycle of a task. Phases travel by {@link #name()}, never by ordinal.
 * Every allowed move is in {@link #TRANSITIONS}; {@link #requireTransition(Phase)} is the one check.
 */
public enum Phase {
    /** Accepted by a gateway and confirmed by the broker; no director has taken it yet. */
    QUEUED,
    /** A director took the task: task folder and overlay network are being created. */
    PROVISIONING,
    /** The worker service is created; waiting until every replica runs. */
    STARTING_WORKERS,
    /** The probe, inside the task network, waits until every worker is resolvable and reachable. */
    DISCOVERING,
    /** The master service is being created with the workers' addresses. */
    STARTING_MASTER,
    /** The master runs the test. */
    RUNNING,
    /** The master has ended (or was stopped); its log and exit code are being collected. */
    COLLECTING,
    /** Terminal: the master exited 0. */
    SUCCEEDED,
    /** Terminal: the test failed ({@code TEST}), the platform failed ({@code INFRA}) or the spec was refused ({@code CONFIG}). */
    FAILED,
    /** Terminal: a deadline expired; the event's failure message names the phase. */
    TIMED_OUT,
    /** Terminal: a client cancelled the task. */
    CANCELLED;

    private static final Set<Phase> TERMINAL = EnumSet.of(SUCCEEDED, FAILED, TIMED_OUT, CANCELLED);

    /** The one transition table: forward moves; every non-terminal phase may also end FAILED, TIMED_OUT or CANCELLED. */
    private static final Map<Phase, Set<Phase>> TRANSITIONS = Map.ofEntries(
            Map.entry(QUEUED, withAbort(PROVISIONING)),
            Map.entry(PROVISIONING, withAbort(STARTING_WORKERS)),
            Map.entry(STARTING_WORKERS, withAbort(DISCOVERING)),
            Map.entry(DISCOVERING, withAbort(STARTING_MASTER)),
            Map.entry(STARTING_MASTER, withAbort(RUNNING)),
            Map.entry(RUNNING, withAbort(COLLECTING)),
            Map.entry(COLLECTING, withAbort(SUCCEEDED)),
            Map.entry(SUCCEEDED, EnumSet.noneOf(Phase.class)),
            Map.entry(FAILED, EnumSet.noneOf(Phase.class)),
            Map.entry(TIMED_OUT, EnumSet.noneOf(Phase.class)),
            Map.entry(CANCELLED, EnumSet.noneOf(Phase.class)));

    private static Set<Phase> withAbort(Phase next) {
        return EnumSet.of(next, FAILED, TIMED_OUT, CANCELLED);
    }

    /** Whether no move leaves this phase. */
    public boolean isTerminal() {
        return TERMINAL.contains(this);
    }

    /** Whether the table allows moving from this phase to {@code next}. */
    public boolean canMoveTo(Phase next) {
        return Objects.requireNonNull(TRANSITIONS.get(this)).contains(next);
    }

    /** The phases reachable in one move from this one. */
    public Set<Phase> next() {
        return Set.copyOf(TRANSITIONS.get(this));
    }

    /**
     * Returns {@code next} when the move is allowed.
     *
     * @throws IllegalPhaseTransitionException when the table has no such move
     */
    public Phase requireTransition(Phase next) {
        if (!canMoveTo(next)) {
            throw new IllegalPhaseTransitionException(this, next);
        }
        return next;
    }

    /** All terminal phases. */
    public static Set<Phase> terminal() {
        return Set.copyOf(TERMINAL);
    }
}
