package io.atq.director.orchestration;

import java.time.Duration;

/** Waits between two polls; tests pass one that advances a fake clock instead. */
@FunctionalInterface
public interface Sleeper {
    /** Pauses the calling thread. */
    void sleep(Duration duration) throws InterruptedException;

    /** The real thing. */
    static Sleeper system() {
        return Thread::sleep;
    }
}
