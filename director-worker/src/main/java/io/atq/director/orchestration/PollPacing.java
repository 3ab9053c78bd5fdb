package io.atq.director.orchestration;

import java.time.Duration;

/**
 * The pauses of one wait on Swarm: the first look follows at once, then the pause doubles from {@link #FIRST} up to the
 * configured poll interval. Most waits of a run end within a second (a worker's or the probe's container starting, a
 * short master exiting), so a fixed 200 ms pause cost each of them ~100 ms on average; a wait that lasts (a long test)
 * still polls at the interval, so the load on the engine stays the same. Not thread-safe: one per wait.
 */
final class PollPacing {
    /** The shortest pause: about what one Swarm read costs the engine, so a wait never spins. */
    static final Duration FIRST = Duration.ofMillis(25);
    private final Duration max;
    private Duration next;

    private PollPacing(Duration max) {
        this.max = max;
        this.next = FIRST.compareTo(max) < 0 ? FIRST : max;
    }

    /** Pauses from {@link #FIRST} (or {@code max} if shorter), doubling up to {@code max}. */
    static PollPacing upTo(Duration max) {
        if (max.isNegative() || max.isZero()) {
            throw new IllegalArgumentException("the poll interval must be positive: " + max);
        }
        return new PollPacing(max);
    }

    /** The pause before the next look. */
    Duration next() {
        Duration pause = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) < 0 ? doubled : max;
        return pause;
    }
}
