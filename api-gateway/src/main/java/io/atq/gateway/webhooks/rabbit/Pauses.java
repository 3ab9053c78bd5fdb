package io.atq.gateway.webhooks.rabbit;

import java.time.Duration;

/** Sleeping on a listener thread, keeping the interrupt (the container stops its consumers by interrupting them). */
final class Pauses {
    private Pauses() {
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
