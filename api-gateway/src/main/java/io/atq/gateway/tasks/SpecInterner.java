package io.atq.gateway.tasks;

import io.atq.contracts.messages.TaskSpec;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Lets the tasks the read model holds share equal specs. A CI job submits the same spec again and again, and every
 * request and every replayed message decodes into its own copy: image names, args maps, name and timeout were about
 * two thirds of what a queued task weighed (docs/benchmarks.md, the memory profile). A spec equal to a recent one
 * is that one; otherwise its workers, master, name, timeout and thresholds are shared when equal to recent ones (labels
 * often differ per run: a commit, a pipeline id).
 *
 * <p>Remembers the {@code capacity} values used last, so what it keeps is bounded however many distinct specs go by.
 * Not thread-safe: the {@link TaskBook} uses it under its lock.
 */
final class SpecInterner {
    private final Map<Object, Object> recent;

    SpecInterner(int capacity) {
        this.recent = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, Object> eldest) {
                return size() > capacity;
            }
        };
    }

    /** A spec equal to {@code spec}: a recent equal one, or one built from recent equal parts. */
    TaskSpec intern(TaskSpec spec) {
        Object same = recent.get(spec);
        if (same != null) {
            return (TaskSpec) same;
        }
        TaskSpec shared = new TaskSpec(share(spec.name()), share(spec.workers()), share(spec.master()), share(spec.timeout()),
                spec.labels(), spec.bundle(), spec.callback(),
                // The spec copies the list it is given, so each threshold is shared rather than the list.
                spec.thresholds().stream().map(this::share).toList());
        recent.put(shared, shared);
        return shared;
    }

    @SuppressWarnings("unchecked")
    private <T> T share(T value) {
        Object same = recent.putIfAbsent(value, value);
        return same != null ? (T) same : value;
    }
}
