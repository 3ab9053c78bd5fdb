package io.atq.director.orchestration;

import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * A test-only hook: fault-injection tests make a run stop for a while at a named step (a phase name right after it was
 * recorded, {@code STOPPED_MASTER} right after the master was stopped on a cancel or at the deadline, or
 * {@code CLEANUP}) so a kill lands in a narrow window. A run taken over from a dead director never pauses. {@link #NONE} unless {@code atq.director.test.pause-after} is set.
 */
@FunctionalInterface
public interface PausePoint {
    /** Does nothing. */
    PausePoint NONE = step -> {
    };

    /** Sleeps {@code pause} whenever a run reaches {@code step}, and nowhere else. */
    static PausePoint sleepingAt(String step, Duration pause) {
        return reached -> {
            if (step.equals(reached)) {
                LoggerFactory.getLogger(PausePoint.class).warn("test pause point: sleeping {} at {}", pause, reached);
                Thread.sleep(pause);
            }
        };
    }

    /** Called when a run reaches {@code step}; may sleep. */
    void reached(String step) throws InterruptedException;
}
