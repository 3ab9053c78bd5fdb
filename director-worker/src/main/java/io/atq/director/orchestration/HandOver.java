package io.atq.director.orchestration;

/**
 * Whether this director is handing its tasks over: it is stopping and another director is alive to take them. Set
 * once, never cleared. A run interrupted after that leaves its task exactly as it is (services, network, task log,
 * {@code master.log}) and records nothing; the heir takes it over from the logged phase, as it would after a crash,
 * but at once (the stopping director announces that it left). A run whose verdict is already recorded finishes its
 * clean-up first.
 */
public final class HandOver {
    private volatile boolean underway;

    /** From now on, interrupted runs hand their tasks over instead of ending them. */
    public void begin() {
        underway = true;
    }

    /** Whether runs hand their tasks over. */
    public boolean underway() {
        return underway;
    }
}
