package io.atq.contracts.messages;

import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a client asked for (validated by {@code TaskSpecValidator}, not here): workers, a master that drives them, and a deadline.
 *
 * @param name     a short human name for the run
 * @param workers  the load-generator service
 * @param master   the driver; it receives the workers' addresses
 * @param timeout  the bound from submission to verdict
 * @param labels   CI context (commit, branch, pipeline URL…): shown in views, usable as list filters; never empty-null
 * @param bundle   id of an uploaded test-data bundle mounted read-only at {@code /atq/data}
 * @param callback where phase changes are delivered as webhooks
 * @param thresholds bounds the merged results must keep, else the task fails ({@code TEST}) though its master exited 0;
 *                 never null, empty when the task sets none
 */
public record TaskSpec(String name, WorkerSpec workers, MasterSpec master, Duration timeout,
                       Map<String, String> labels, @Nullable String bundle, @Nullable Callback callback,
                       List<Threshold> thresholds) {
    // No null checks here: a spec arrives from outside (HTTP or the queue) and TaskSpecValidator
    // reports every missing part by field, which a constructor exception could not. The types say what a valid
    // spec holds: name, workers, master and timeout are present once the validator passed it, and only then is a
    // spec used.
    public TaskSpec {
        // Keeps order (stable views) and null values, which the validator reports by field.
        labels = labels == null || labels.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        // Null elements stay: the validator names them by index.
        thresholds = thresholds == null || thresholds.isEmpty() ? List.of() : Collections.unmodifiableList(new ArrayList<>(thresholds));
    }

    /** A spec without thresholds. */
    public TaskSpec(String name, WorkerSpec workers, MasterSpec master, Duration timeout,
                    Map<String, String> labels, @Nullable String bundle, @Nullable Callback callback) {
        this(name, workers, master, timeout, labels, bundle, callback, List.of());
    }

    /** A spec without labels, bundle or callback. */
    public TaskSpec(String name, WorkerSpec workers, MasterSpec master, Duration timeout) {
        this(name, workers, master, timeout, Map.of(), null, null, List.of());
    }
}
