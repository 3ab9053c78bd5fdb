package io.atq.contracts.messages;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a client asked for (validated by {@code TaskSpecValidator}, not here): workers, a master that drives them, and a deadline.
 *
 * @param name     a short human name for the run
 * @param workers  the load-generator service
 * @param master   the driver; it receives the workers' addresses
 * @param timeout  the bound from submission to verdict
 * @param labels   CI context (commit, branch, pipeline URL…): shown in views, usable as list filters; never empty-null
 * @param bundle   id of an uploaded test-data bundle mounted read-only at {@code /atq/data}, or {@code null}
 * @param callback where phase changes are delivered as webhooks, or {@code null}
 */
public record TaskSpec(String name, WorkerSpec workers, MasterSpec master, Duration timeout,
                       Map<String, String> labels, String bundle, Callback callback) {
    // No null checks here: a spec arrives from outside (HTTP or the queue) and TaskSpecValidator
    // reports every missing part by field, which a constructor exception could not.
    public TaskSpec {
        // Keeps order (stable views) and null values, which the validator reports by field.
        labels = labels == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    /** A spec without labels, bundle or callback. */
    public TaskSpec(String name, WorkerSpec workers, MasterSpec master, Duration timeout) {
        this(name, workers, master, timeout, Map.of(), null, null);
    }
}
