package io.atq.director.orchestration;

/**
 * A test-only hook: fault-injection tests make a run stop for a while at a named step (a phase name, or
 * {@code CLEANUP}) so a kill lands in a narrow window. {@link #NONE} unless {@code atq.director.test.pause-after} is set.
 */
@FunctionalInterface
public interface PausePoint {
    /** Does nothing. */
    PausePoint NONE = step -> {
    };

    /** Called when a run reaches {@code step}; may sleep. */
    void reached(String step) throws InterruptedException;
}
