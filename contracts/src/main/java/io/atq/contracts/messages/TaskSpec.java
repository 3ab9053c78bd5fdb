package io.atq.contracts.messages;

import java.time.Duration;

/**
 * What a client asked for (validated by {@code TaskSpecValidator}, not here): workers, a master that drives them, and a deadline.
 *
 * @param name    a short human name for the run
 * @param workers the load-generator service
 * @param master  the driver; it receives the workers' addresses
 * @param timeout the bound from submission to verdict
 */
public record TaskSpec(String name, WorkerSpec workers, MasterSpec master, Duration timeout) {
    // No null checks here: a spec arrives from outside (HTTP or the queue) and TaskSpecValidator
    // reports every missing part by field, which a constructor exception could not.
}
