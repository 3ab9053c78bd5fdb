package io.atq.contracts.phase;

/** A move the transition table does not allow. Never worth retrying: the same move stays illegal. */
public final class IllegalPhaseTransitionException extends IllegalStateException {
    private final Phase from;
    private final Phase to;

    public IllegalPhaseTransitionException(Phase from, Phase to) {
        super("a task cannot move from " + from + " to " + to + " (allowed from " + from + ": " + from.next() + ")");
        this.from = from;
        this.to = to;
    }

    public Phase getFrom() {
        return from;
    }

    public Phase getTo() {
        return to;
    }
}
