package io.atq.gateway.webhooks;

/** Parks a delivery until its next attempt is due (durably: it survives the gateway). */
public interface RetryScheduler {

    /**
     * Hands {@code job} to the broker to come back after {@code wait}; returns once the broker confirmed it.
     *
     * @throws RuntimeException when not confirmed: the caller must not consider the current attempt finished
     */
    void schedule(DeliveryJob job, RetryLadder.Wait wait);
}
